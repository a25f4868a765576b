package refusal

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/tui/common"
)

var now = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

// fakeDoctor answers with the sample evidence of one kind and records what
// it was asked to do.
type fakeDoctor struct {
	kind diagnose.Kind

	mu        sync.Mutex
	stops     int
	takeOvers []*session.SlotBusyError
	saved     []string
	waits     int
	ticks     [][2]time.Duration // countdown the wait reports
	free      bool
	takeErr   error
}

func (d *fakeDoctor) Diagnose(_ context.Context, _ playlist.Channel, _ *session.Refusal) doctor.Report {
	e := diagnosetest.Sample(d.kind, now)
	return doctor.Report{Diagnosis: diagnose.Diagnose(e), Facts: e, Contact: diagnose.NewContactInfo(e)}
}

func (d *fakeDoctor) DiagnoseLoad(_ context.Context, source string, acct *playlist.Account, err error) (doctor.Report, bool) {
	return doctor.LoadReport(source, acct, err, now)
}

func (d *fakeDoctor) WaitForSlot(ctx context.Context, _ playlist.Channel, tick func(remaining, next time.Duration)) (bool, error) {
	d.mu.Lock()
	d.waits++
	ticks, free := d.ticks, d.free
	d.mu.Unlock()
	for _, t := range ticks {
		tick(t[0], t[1])
	}
	return free, nil
}

func (d *fakeDoctor) StopAllPlayers(context.Context) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stops++
	return 1, nil
}

func (d *fakeDoctor) TakeOver(_ context.Context, busy *session.SlotBusyError) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.takeOvers = append(d.takeOvers, busy)
	return d.takeErr
}

func (d *fakeDoctor) SaveMessage(text string) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.saved = append(d.saved, text)
	return "state/contact-provider.txt", nil
}

var ch = playlist.Channel{Name: "BBC One", Source: "panel", URL: "http://provider.example:8080/live/demo/s3cret/1001.ts"}

func refused(t *testing.T, d Doctor, kind diagnose.Kind) *Model {
	t.Helper()
	m := New(context.Background(), common.New(nil, nil), Options{Doctor: d, Getenv: noEnv}, ch, diagnosetest.Sample(kind, now).Refusal)
	run(t, m, m.Init())
	return m
}

func noEnv(string) string { return "" }

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}

// run executes cmd and feeds what it returns back into m, as the program
// would, until a message for the root comes out; that one is returned.
func run(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, msg := range collect(cmd) {
		switch msg.(type) {
		case BackMsg, PlayMsg, tea.RawMsg:
			out = append(out, msg)
			continue
		}
		_, next := m.Update(msg)
		out = append(out, run(t, m, next)...)
	}
	return out
}

// collect runs a command, opening batches.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, collect(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

func press(t *testing.T, m *Model, k string) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(keyPress(k))
	return run(t, m, cmd)
}

func screen(m *Model) string { return ansi.Strip(m.View()) }

func TestOccupiedSlotOffersTheFourOptions(t *testing.T) {
	m := refused(t, &fakeDoctor{kind: diagnose.SlotOther}, diagnose.SlotOther)
	got := screen(m)
	for _, want := range []string{"Connection slot in use", "Your account allows 1 connection, and the provider says 1 is in use",
		"Likely cause:", "Reboot", "Contact the provider", "Wait and retry", "Details"} {
		if !strings.Contains(got, want) {
			t.Fatalf("occupied-slot screen lacks %q:\n%s", want, got)
		}
	}
}

func TestContactMessageIsCopiedAndSavedWithoutThePassword(t *testing.T) {
	// No doctor: the contact comes from the refusal alone, whose URL here
	// still holds the password, the worst case.
	r := &session.Refusal{Status: 401, URL: ch.URL, At: now, Header: http.Header{}}
	d := &fakeDoctor{kind: diagnose.SlotOther}
	m := New(context.Background(), common.New(nil, nil), Options{Getenv: noEnv}, ch, r)
	run(t, m, m.Init())
	m.opts.Doctor = d // saving goes through the doctor
	out := press(t, m, "c")
	var copied string
	for _, msg := range out {
		if raw, ok := msg.(tea.RawMsg); ok {
			copied = decodeOSC52(t, raw.Msg.(string))
		}
	}
	if copied == "" {
		t.Fatalf("nothing copied; messages %#v", out)
	}
	for name, text := range map[string]string{"clipboard": copied, "saved file": strings.Join(d.saved, ""), "screen": screen(m)} {
		if !strings.Contains(text, "demo") || strings.Contains(text, "s3cret") {
			t.Fatalf("%s must name the username and never the password:\n%s", name, text)
		}
	}
	if !strings.Contains(screen(m), "Saved to state/contact-provider.txt") {
		t.Fatalf("the saved path is not shown:\n%s", screen(m))
	}
}

func decodeOSC52(t *testing.T, seq string) string {
	t.Helper()
	body, ok := strings.CutPrefix(seq, "\x1b]52;c;")
	if !ok {
		t.Fatalf("not an OSC 52 sequence: %q", seq)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(body, "\a"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWaitShowsTheCountdownAndPlaysWhenFree(t *testing.T) {
	d := &fakeDoctor{kind: diagnose.SlotOther, ticks: [][2]time.Duration{{165 * time.Second, 12 * time.Second}}}
	m := refused(t, d, diagnose.SlotOther)
	_, cmd := m.Update(keyPress("w"))
	tick := cmd()
	if _, ok := tick.(waitTickMsg); !ok {
		t.Fatalf("first message of a wait is %T, want a tick", tick)
	}
	_, next := m.Update(tick)
	if got := screen(m); !strings.Contains(got, "Next check in 12 s · giving up in 2:45") {
		t.Fatalf("no countdown:\n%s", got)
	}
	if m.keys.Retry.Enabled() {
		t.Fatal("retry is offered while waiting, which would hit the stream")
	}
	// The slot never freed: no play.
	out := run(t, m, next)
	if len(out) != 0 || !strings.Contains(screen(m), "No connection freed up in time") {
		t.Fatalf("a wait that gave up: messages %v\n%s", out, screen(m))
	}
	// Again, and this time the slot frees.
	d.mu.Lock()
	d.free = true
	d.mu.Unlock()
	out = press(t, m, "w")
	if len(out) != 1 || out[0] != (PlayMsg{Channel: ch}) {
		t.Fatalf("a freed slot did not ask to play: %#v", out)
	}
}

func TestWaitIsOfferedOnlyWithAccountInfo(t *testing.T) {
	m := refused(t, &fakeDoctor{kind: diagnose.SlotOwnEarlier}, diagnose.SlotOwnEarlier)
	if !m.keys.Wait.Enabled() {
		t.Fatal("wait not offered for an Xtream account")
	}
	m = New(context.Background(), common.New(nil, nil), Options{Getenv: noEnv}, ch, diagnosetest.Sample(diagnose.SlotOther, now).Refusal)
	run(t, m, m.Init())
	if m.keys.Wait.Enabled() || strings.Contains(screen(m), "Wait and retry") {
		t.Fatalf("wait offered without a way to read the account:\n%s", screen(m))
	}
}

func TestRebootStopsTunersPlayersFirst(t *testing.T) {
	d := &fakeDoctor{kind: diagnose.SlotOther}
	m := refused(t, d, diagnose.SlotOther)
	press(t, m, "r")
	got := screen(m)
	if d.stops != 1 || !strings.Contains(got, "1. tuner stopped 1 player it had started on this machine.") ||
		!strings.Contains(got, "2. Reboot your router") {
		t.Fatalf("stops %d:\n%s", d.stops, got)
	}
	press(t, m, "esc")
	press(t, m, "r")
	if d.stops != 1 {
		t.Fatal("showing the steps again stopped the players again")
	}
	if out := press(t, m, "enter"); len(out) != 1 || out[0] != (PlayMsg{Channel: ch}) {
		t.Fatalf("enter after the steps: %#v", out)
	}
}

func TestEscGoesBackAStepThenToTheBrowser(t *testing.T) {
	m := refused(t, &fakeDoctor{kind: diagnose.Credentials}, diagnose.Credentials)
	press(t, m, "d")
	if !strings.Contains(screen(m), "What the provider answered") {
		t.Fatalf("details:\n%s", screen(m))
	}
	if out := press(t, m, "esc"); len(out) != 0 || !strings.Contains(screen(m), "Username or password rejected") {
		t.Fatalf("esc from details: %v\n%s", out, screen(m))
	}
	if out := press(t, m, "esc"); len(out) != 1 || out[0] != (BackMsg{}) {
		t.Fatalf("esc from the main view: %#v", out)
	}
}

func TestRateLimitHasNoRetry(t *testing.T) {
	m := refused(t, &fakeDoctor{kind: diagnose.RateLimited}, diagnose.RateLimited)
	if out := press(t, m, "enter"); len(out) != 0 {
		t.Fatalf("enter retried during a cool-down: %v", out)
	}
	if !strings.Contains(screen(m), "Wait 5 min before trying again") {
		t.Fatalf("no cool-down advice:\n%s", screen(m))
	}
}

func busyErr() *session.SlotBusyError {
	return &session.SlotBusyError{Account: "demo@provider.example:8080", Limit: 1,
		Holders: []lease.Lease{{Channel: "ITV", Tuner: lease.Proc{PID: 4242}}}}
}

func TestTakeOverThenPlay(t *testing.T) {
	d := &fakeDoctor{}
	busy := busyErr()
	m := NewBusy(context.Background(), common.New(nil, nil), Options{Doctor: d, Getenv: noEnv}, ch, busy)
	got := screen(m)
	if !strings.Contains(got, "(pid 4242)") || !strings.Contains(got, `playing "ITV"`) {
		t.Fatalf("busy screen:\n%s", got)
	}
	out := press(t, m, "t")
	if len(d.takeOvers) != 1 || d.takeOvers[0] != busy {
		t.Fatalf("took over %v", d.takeOvers)
	}
	if len(out) != 1 || out[0] != (PlayMsg{Channel: ch}) {
		t.Fatalf("after the takeover: %#v", out)
	}
}

func TestFailedTakeOverSaysSo(t *testing.T) {
	d := &fakeDoctor{takeErr: context.DeadlineExceeded}
	m := NewBusy(context.Background(), common.New(nil, nil), Options{Doctor: d, Getenv: noEnv}, ch, busyErr())
	if out := press(t, m, "t"); len(out) != 0 || !strings.Contains(screen(m), "Could not take the slot over") {
		t.Fatalf("messages %v\n%s", out, screen(m))
	}
}

func TestDetailsMaskTheURLAndShowTheAnswer(t *testing.T) {
	r := &session.Refusal{Status: 401, URL: ch.URL, At: now,
		Header: http.Header{"Content-Type": {"text/html"}, "Location": {"http://p.example/get.php?username=demo&password=s3cret"}},
		Body:   []byte("<html>\nMax connections reached\x00</html>")}
	m := New(context.Background(), common.New(nil, nil), Options{Getenv: noEnv}, ch, r)
	run(t, m, m.Init())
	press(t, m, "d")
	got := screen(m)
	for _, want := range []string{"401 Unauthorized", "/live/demo/***/1001.ts", "Content-Type: text/html", "password=***",
		"<html> Max connections reached</html>"} {
		if !strings.Contains(got, want) {
			t.Fatalf("details lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "s3cret") {
		t.Fatalf("details show the password:\n%s", got)
	}
}

func TestEveryKindFitsTheScreen(t *testing.T) {
	for _, k := range diagnose.Kinds() {
		m := refused(t, &fakeDoctor{kind: k}, k)
		for _, size := range [][2]int{{40, 10}, {80, 22}, {120, 40}} {
			m.SetSize(size[0], size[1])
			lines := strings.Split(m.View(), "\n")
			if len(lines) != size[1] {
				t.Fatalf("%v at %v: %d lines", k, size, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != size[0] {
					t.Fatalf("%v at %v: line %d is %d wide", k, size, i, w)
				}
			}
		}
	}
}

// The screen about an account refused as it loads has no stream: nothing to
// retry, no provider's answer to detail, no slot options; esc goes back.
func TestLoadScreenOffersOnlyBack(t *testing.T) {
	err := &playlist.Error{Source: "demo@provider.example:8080", Problem: playlist.Refused, Detail: "credentials rejected (auth 0)"}
	rep, ok := doctor.LoadReport("demo@provider.example:8080", nil, err, now)
	if !ok {
		t.Fatal("no report for a rejected password")
	}
	m := NewLoad(context.Background(), common.New(nil, nil), Options{Doctor: &fakeDoctor{}, Getenv: noEnv}, "demo@provider.example:8080", rep)
	if cmd := m.Init(); cmd != nil {
		t.Fatal("the load screen diagnoses again")
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Username or password rejected: demo@provider.example:8080") || !strings.Contains(view, "tuner check") {
		t.Fatalf("screen:\n%s", view)
	}
	for _, k := range []string{"enter", "d", "r", "c", "w"} {
		if out := run(t, m, m.handleKey(keyPress(k))); len(out) != 0 || m.view != viewMain {
			t.Errorf("%s did something: %v, view %d", k, out, m.view)
		}
	}
	help := m.ShortHelp()
	for _, b := range help {
		if b.Enabled() && b.Help().Key != "esc" {
			t.Errorf("footer offers %s", b.Help().Key)
		}
	}
	if out := run(t, m, m.handleKey(keyPress("esc"))); len(out) != 1 || out[0] != (BackMsg{}) {
		t.Fatalf("esc sent %v, want BackMsg", out)
	}
}
