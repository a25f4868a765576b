package tui

import (
	"encoding/base64"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/tui/browser"
)

func browsing(t *testing.T, opts Options) *Model {
	t.Helper()
	opts.Cached = []*playlist.Playlist{sample()}
	m := New(opts)
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	return m
}

func statusOf(m *Model) string {
	lines := strings.Split(screenOf(m), "\n")
	return lines[len(lines)-2]
}

func TestStopKeyStopsPlayback(t *testing.T) {
	ctrl := newFakeController()
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl, Getenv: env(nil)}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("s") // nothing plays: s does nothing
	d.keys("enter")
	d.untilScreen("▶ BBC One")
	d.keys("s")
	d.until("stopped", func(m *Model) bool { return m.play.state == session.Stopped })
	if got := ctrl.Slots(); got.Held != 0 {
		t.Fatalf("s left the slot held: %+v", got)
	}
	played, _ := ctrl.snapshot()
	if !slices.Equal(played, []string{"BBC One"}) {
		t.Fatalf("played %v", played)
	}
}

func TestStopKeyIsTypedWhileFiltering(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
	m.play.state = session.Playing
	m.Update(keyPress("/"))
	if _, cmd := m.Update(keyPress("s")); cmd != nil && m.play.state != session.Playing {
		t.Fatal("s stopped playback while typing a filter")
	}
	if !strings.Contains(screenOf(m), "/ s") {
		t.Fatalf("s was not typed:\n%s", screenOf(m))
	}
}

func TestCopyKeyCopiesTheURLWithThePasswordHidden(t *testing.T) {
	m := browsing(t, Options{Getenv: env(nil)})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 24})
	m.Update(keyPress("j"))
	_, cmd := m.Update(keyPress("y"))
	if cmd == nil {
		t.Fatal("y did nothing")
	}
	raw, ok := cmd().(tea.RawMsg)
	if !ok {
		t.Fatalf("y sent %T, want the clipboard sequence", cmd())
	}
	seq := raw.Msg.(string)
	b64 := strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\a")
	got, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || string(got) != "http://provider.test/live/alice/***/2.ts" {
		t.Fatalf("copied %q (%v), want the selected channel's URL with its password hidden", got, err)
	}
	if s := statusOf(m); !strings.Contains(s, "copied the channel URL (password hidden): http://provider.test/live/alice/***/2.ts") || strings.Contains(s, "s3cret") {
		t.Fatalf("status after copying: %q", s)
	}
}

func TestCopyInsideTmuxPassesThrough(t *testing.T) {
	m := browsing(t, Options{Getenv: env(map[string]string{"TMUX": "/tmp/tmux-1/default,1,0"})})
	_, cmd := m.Update(keyPress("y"))
	if seq := cmd().(tea.RawMsg).Msg.(string); !strings.Contains(seq, "\x1bPtmux;") {
		t.Fatalf("inside tmux the sequence is not wrapped: %q", seq)
	}
}

func TestNowPlayingBar(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
	m.setSize(110, 24) // wide enough for every number beside the slot state
	ev := session.Event{State: session.Playing, Channel: playlist.Channel{Name: "ITV"},
		Stats: session.Stats{Elapsed: 65 * time.Second, Width: 1920, Height: 1080, BitrateKbps: 4200, CacheSeconds: 3}}
	m.Update(eventMsg{ev: ev, ok: true, slots: session.SlotStatus{Held: 1, Limit: 1}})
	want := "▶ ITV · 0:01:05 · 1920×1080 · 4.2 Mb/s · buffer 3 s"
	if s := statusOf(m); !strings.Contains(s, want) {
		t.Fatalf("now-playing bar %q lacks %q", s, want)
	}
	if f := screenOf(m); !strings.Contains(f, "s stop") {
		t.Fatalf("footer does not offer stop while playing:\n%s", f)
	}
}

func TestTakeOverFlow(t *testing.T) {
	ctrl := newFakeController()
	ctrl.playErr = busyError()
	doc := &fakeDoctor{}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl, Doctor: doc, Getenv: env(nil)}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("Slot held by another tuner")
	ctrl.setPlayErr(nil) // the other tuner's slot is free once taken over
	d.keys("t")
	got := d.untilScreen("▶ BBC One")
	if !strings.Contains(got, "5 channels") || strings.Contains(got, "Slot held") {
		t.Fatalf("not back on the browser after the takeover:\n%s", got)
	}
	played, _ := ctrl.snapshot()
	if _, takes, _ := doc.counts(); takes != 1 || !slices.Equal(played, []string{"BBC One", "BBC One"}) {
		t.Fatalf("took over %d times, played %v", takes, played)
	}
}

func TestWaitAndRetryPlaysOnceTheSlotFrees(t *testing.T) {
	doc := &fakeDoctor{kind: diagnose.SlotOther, free: true}
	d, ctrl := startRefused(t, diagnose.SlotOther, doc)
	d.keys("enter")
	d.until("the diagnosis", diagnosed)
	ctrl.setPlayErr(nil)
	d.keys("w")
	d.untilScreen("▶ BBC One")
	played, _ := ctrl.snapshot()
	if _, _, waits := doc.counts(); waits != 1 || len(played) != 2 {
		t.Fatalf("waited %d times, played %v: want one wait and one more play", waits, played)
	}
}

func TestEscLeavesTheRefusalScreen(t *testing.T) {
	doc := &fakeDoctor{kind: diagnose.Credentials}
	d, ctrl := startRefused(t, diagnose.Credentials, doc)
	d.keys("enter")
	d.until("the diagnosis", diagnosed)
	d.keys("esc")
	got := d.until("the browser", func(m *Model) bool { return m.refusal() == nil })
	if !strings.Contains(got, "BBC One") || strings.Contains(got, "Username or password") {
		t.Fatalf("esc did not go back to the browser:\n%s", got)
	}
	if played, _ := ctrl.snapshot(); len(played) != 1 {
		t.Fatalf("esc played again: %v", played)
	}
}

func TestRefusedWhilePlayingOpensTheScreen(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Doctor: &fakeDoctor{kind: diagnose.SlotOther}, Getenv: env(nil)})
	m.play.state = session.Playing
	ref := diagnosetest.Sample(diagnose.SlotOther, refusedAt).Refusal
	m.Update(eventMsg{ev: session.Event{State: session.Refused, Channel: playlist.Channel{Name: "ITV"}, Refusal: ref}, ok: true})
	if m.refusal() == nil || m.refusal().Channel().Name != "ITV" {
		t.Fatal("a refusal while playing did not open the refusal screen")
	}
	// Play's own refusal event, while starting, leaves the screen to Play's result.
	m.closeRefusal()
	m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()}) // a start under way
	m.Update(eventMsg{ev: session.Event{State: session.Refused, Channel: playlist.Channel{Name: "ITV"}, Refusal: ref}, ok: true})
	if m.refusal() != nil {
		t.Fatal("the refusal event of a start opened a second screen")
	}
}

func TestSSHWithoutDisplay(t *testing.T) {
	sshEnv := env(map[string]string{"SSH_CONNECTION": "198.51.100.7 50000 192.0.2.10 22", "USER": "alice"})
	ctrl := gatedController{newFakeController()}
	m := browsing(t, Options{Controller: ctrl, Getenv: sshEnv})
	m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()})
	m.Update(playResultMsg{seq: m.play.seq, slots: session.SlotStatus{Held: 1, Limit: 1}})
	if s := statusOf(m); !strings.Contains(s, "over SSH with no display") {
		t.Fatalf("no SSH note after starting: %q", s)
	}
	m.Update(keyPress("?"))
	help := screenOf(m)
	for _, want := range []string{"ssh -L 41234:127.0.0.1:41234 alice@192.0.2.10", "--vo=tct", "http://127.0.0.1:41234/s/0123abcd"} {
		if !strings.Contains(help, want) {
			t.Fatalf("help lacks %q:\n%s", want, help)
		}
	}

	// The mode tuner chose for SSH is what the note says.
	chosen := browsing(t, Options{Controller: ctrl, Getenv: sshEnv, PlayerNote: "over SSH with no display: video plays in this terminal"})
	chosen.Update(browser.PlayMsg{Channel: *chosen.browser.SelectedChannel()})
	chosen.Update(playResultMsg{seq: chosen.play.seq, slots: session.SlotStatus{Held: 1, Limit: 1}})
	if s := statusOf(chosen); !strings.Contains(s, "video plays in this terminal") {
		t.Fatalf("the note does not say the chosen mode: %q", s)
	}

	withDisplay := browsing(t, Options{Controller: ctrl, Getenv: env(map[string]string{"SSH_CONNECTION": "1 2 3 4", "DISPLAY": ":0"})})
	withDisplay.Update(keyPress("?"))
	if strings.Contains(screenOf(withDisplay), "ssh -L") {
		t.Fatal("SSH help shown although a display is forwarded")
	}
}

// Another tuner took the slot over and closed this tuner's player: the
// status bar says so plainly, not as a failure; the person's own stop
// needs no words.
func TestPlayerClosedFromOutside(t *testing.T) {
	for _, tc := range []struct {
		name string
		ev   session.Event
		want string // "" is no word on the stop
	}{
		{"closed by another tuner", session.Event{State: session.Stopped, Err: session.ErrPlayerClosed,
			Message: "stopped: the player was closed by another tuner or `tuner stop`"},
			"stopped: the player was closed by another tuner or `tuner stop`"},
		{"stopped by the person", session.Event{State: session.Stopped, Message: "stopped"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctrl := newFakeController()
			m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
			bbc := m.browser.SelectedChannel()
			m.Update(eventMsg{ev: session.Event{State: session.Playing, Channel: *bbc}, ok: true, slots: session.SlotStatus{Held: 1, Limit: 1}})
			tc.ev.Channel = *bbc
			m.Update(eventMsg{ev: tc.ev, ok: true, slots: session.SlotStatus{Limit: 1}})
			s := statusOf(m)
			if tc.want != "" && !strings.Contains(s, tc.want) {
				t.Errorf("status bar %q lacks %q", s, tc.want)
			}
			if tc.want == "" && strings.Contains(s, "stopped") {
				t.Errorf("status bar %q has words on the person's own stop", s)
			}
			if strings.Contains(s, "exited") || strings.Contains(s, "held by this tuner") {
				t.Errorf("status bar %q", s)
			}
			if strings.Contains(screenOf(m), "s stop") {
				t.Errorf("stop is still offered:\n%s", screenOf(m))
			}
		})
	}
}

// The provider's connection is closed but tuner's record of it could not be
// written: the status bar says the slot may still look held.
func TestAFailedReleaseIsSaid(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
	bbc := m.browser.SelectedChannel()
	m.Update(eventMsg{ev: session.Event{State: session.Playing, Channel: *bbc}, ok: true, slots: session.SlotStatus{Held: 1, Limit: 1}})
	warn := &session.ReleaseError{Account: "alice@provider.test", Channel: bbc.Name, Err: errors.New("write leases.json: no space left on device")}
	m.Update(eventMsg{ev: session.Event{State: session.Stopped, Channel: *bbc, Message: "stopped", Warning: warn}, ok: true, slots: session.SlotStatus{Limit: 1}})
	if s := statusOf(m); !strings.Contains(s, "may not have been recorded as given back") {
		t.Fatalf("status bar after a failed release: %q", s)
	}
}

// The provider cut the stream: the status bar says so in words while tuner
// waits to reconnect, and a failure never shows Go's own text.
func TestACutStreamIsSaidInWords(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
	bbc := m.browser.SelectedChannel()
	m.Update(eventMsg{ev: session.Event{State: session.Playing, Channel: *bbc}, ok: true, slots: session.SlotStatus{Held: 1, Limit: 1}})
	m.Update(eventMsg{ev: session.Event{State: session.Starting, Channel: *bbc, Err: session.ErrCut,
		Message: session.ErrCut.Error() + "; reconnecting in 3s…"}, ok: true, slots: session.SlotStatus{Limit: 1}})
	if s := statusOf(m); !strings.Contains(s, "the provider ended the stream") {
		t.Errorf("status bar while reconnecting: %q", s)
	}
	m.Update(eventMsg{ev: session.Event{State: session.Failed, Channel: *bbc, Err: io.ErrUnexpectedEOF}, ok: true, slots: session.SlotStatus{Limit: 1}})
	if s := statusOf(m); strings.Contains(s, "EOF") || !strings.Contains(s, "the provider ended the stream") {
		t.Errorf("status bar after a cut: %q", s)
	}
}

// A web page handed to the player is said beside playing.
func TestAWebPageIsSaidBesidePlaying(t *testing.T) {
	ctrl := newFakeController()
	m := browsing(t, Options{Controller: ctrl, Getenv: env(nil)})
	bbc := m.browser.SelectedChannel()
	note := "youtube.com is a web page: mpv opens it itself, so tuner cannot watch its connection"
	m.Update(eventMsg{ev: session.Event{State: session.Playing, Channel: *bbc, Message: "playing", Note: note}, ok: true, slots: session.SlotStatus{Held: 1, Limit: 1}})
	if s := screenOf(m); !strings.Contains(s, "tuner cannot watch") {
		t.Errorf("screen lacks the note:\n%s", s)
	}
}
