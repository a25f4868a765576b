package session

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

func TestAccountOf(t *testing.T) {
	tests := []struct {
		name, url          string
		known              Account
		provider, username string
	}{
		{"xtream live path", "http://panel.example:8080/live/alice/pw/1.ts", Account{}, "panel.example:8080", "alice"},
		{"short xtream path", "http://panel.example/alice/pw/1", Account{}, "panel.example", "alice"},
		{"get.php style query", "http://panel.example/play?username=bob&password=pw", Account{}, "panel.example", "bob"},
		{"userinfo", "http://carol:pw@panel.example/s.ts", Account{}, "panel.example", "carol"},
		{"plain stream", "https://cdn.example/live/index.m3u8", Account{}, "cdn.example", ""},
		{"configured account wins", "http://panel.example/live/alice/pw/1.ts", Account{Provider: "p.example", Username: "al"}, "p.example", "al"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := accountOf(playlist.Channel{URL: tt.url}, tt.known)
			if a.Provider != tt.provider || a.Username != tt.username {
				t.Errorf("accountOf = %q %q, want %q %q", a.Provider, a.Username, tt.provider, tt.username)
			}
		})
	}
}

func TestAccountFromPlaylist(t *testing.T) {
	a := AccountFrom(&playlist.Account{Server: "http://panel.example:8080", Username: "alice", MaxConnections: 2}, 0)
	if a.Name() != "alice@panel.example:8080" || a.limit() != 2 {
		t.Errorf("from the provider: %+v", a)
	}
	if a := AccountFrom(&playlist.Account{MaxConnections: 2}, 1); a.limit() != 1 {
		t.Errorf("a per-source setting must win: %+v", a)
	}
	if a := AccountFrom(nil, 0); a.limit() != 1 {
		t.Errorf("default limit %d, want 1", a.limit())
	}
}

func TestMissingPlayer(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := New(Options{Store: tempStore(t)})
	if err == nil || !strings.HasPrefix(err.Error(), "mpv not found: install it with `sudo apt install mpv`") {
		t.Errorf("New without mpv = %v", err)
	}
}

func TestRefusalIsReportedAndTheLeaseReleased(t *testing.T) {
	panel := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized) // as panels answer: no body, no WWW-Authenticate
	}))
	defer panel.Close()
	m := newManager(t, Options{Player: fakePlayer(t)})
	ch := playlist.Channel{Name: "News", URL: panel.URL + "/live/alice/s3cret/1.ts"}
	err := m.Play(context.Background(), ch)
	var re *RefusedError
	if !errors.As(err, &re) || re.Refusal.Status != http.StatusUnauthorized {
		t.Fatalf("Play = %v, want a 401 refusal", err)
	}
	if strings.Contains(re.Refusal.URL, "s3cret") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("refusal shows the password: %q", re.Refusal.URL)
	}
	if got := drain(m, Refused); got == nil || got.Refusal.Status != 401 {
		t.Errorf("no Refused event with the refusal: %+v", got)
	}
	act, _ := m.Store().Active()
	rec, _ := m.Store().Recent()
	if len(act) != 0 || len(rec) != 1 || rec[0].How != lease.Clean {
		t.Errorf("leases after a refusal: active %+v recent %+v", act, rec)
	}
	if s := m.Slots(); s.Held != 0 || s.Account != "alice@"+strings.TrimPrefix(panel.URL, "http://") {
		t.Errorf("Slots = %+v", s)
	}
}

// drain returns the first queued event in the given state.
func drain(m *Manager, state State) *Event {
	for {
		select {
		case e := <-m.Events():
			if e.State == state {
				return &e
			}
		case <-time.After(2 * time.Second):
			return nil
		}
	}
}

func TestPlayStopCloseWithAnyPlayer(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1, Password: "s3cret"})
	m := newManager(t, Options{Player: fakePlayer(t)})
	ctx := context.Background()
	ch := simChannel(s, 1, "ts")
	if err := m.Play(ctx, ch); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	act, _ := m.Store().Active()
	if len(act) != 1 || act[0].Player.IsZero() || act[0].Gate == "" || act[0].Username != "demo" || act[0].Channel != ch.Name {
		t.Fatalf("lease while playing: %+v", act)
	}
	if st := m.Slots(); st.Held != 1 || st.Limit != 1 || st.Channel != ch.Name {
		t.Errorf("Slots = %+v", st)
	}
	player := act[0].Player
	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
	testutil.Eventually(t, "the player to exit", func() bool { return !player.Alive() })
	if rec, _ := m.Store().Recent(); len(rec) != 1 || rec[0].How != lease.Clean {
		t.Errorf("lease after Stop: %+v", rec)
	}
	for range 2 {
		if err := m.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	if err := m.Play(ctx, ch); err == nil {
		t.Error("Play after Close succeeded")
	}
	for range m.Events() {
	} // closed by Close
}

func TestNoSecretInLeasesOrArgs(t *testing.T) {
	s := startSim(t, sim.Config{Password: "s3cret-pw"})
	m := newManager(t, Options{Player: fakePlayer(t)})
	if err := m.Play(context.Background(), simChannel(s, 2, "ts")); err != nil {
		t.Fatal(err)
	}
	act, _ := m.Store().Active()
	args, _ := os.ReadFile("/proc/" + itoa(act[0].Player.PID) + "/cmdline")
	ls, _ := ListLeases(m.Store())
	var js, text bytes.Buffer
	ls.WriteJSON(&js)
	ls.WriteText(&text)
	raw, _ := os.ReadFile(m.Store().Dir() + "/leases.json")
	for what, b := range map[string][]byte{"player args": args, "leases JSON": js.Bytes(), "leases text": text.Bytes(), "lease file": raw} {
		if bytes.Contains(b, []byte("s3cret-pw")) {
			t.Errorf("%s hold the password:\n%s", what, b)
		}
	}
	if !bytes.Contains(js.Bytes(), []byte(`/live/demo/***/2.ts`)) {
		t.Errorf("leases JSON lacks the masked URL:\n%s", js.String())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func startSleeper(t *testing.T) lease.Proc {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go cmd.Wait()
	t.Cleanup(func() { cmd.Process.Kill() })
	p, err := lease.ProcOf(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func deadProc(t *testing.T) lease.Proc {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := lease.Proc{PID: cmd.Process.Pid, Start: 1}
	cmd.Wait()
	return p
}

func TestSecondTunerFindsTheSlotTakenAndTakesItOver(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	store := tempStore(t)
	// Another tuner, alive, holds the account's only slot with its player.
	other, otherPlayer := startSleeper(t), startSleeper(t)
	held, _ := store.Acquire(lease.Lease{Provider: strings.TrimPrefix(s.URL(), "http://"), Username: "demo",
		Channel: "Sports", Tuner: other, Player: otherPlayer})

	m := newManager(t, Options{Player: fakePlayer(t), Store: store})
	err := m.Play(context.Background(), simChannel(s, 3, "ts"))
	var busy *SlotBusyError
	if !errors.As(err, &busy) || len(busy.Holders) != 1 || busy.Holders[0].ID != held.ID {
		t.Fatalf("Play = %v, want the slot reported busy", err)
	}
	if !strings.Contains(err.Error(), "Sports") || s.Active() != 0 {
		t.Errorf("busy error %q; simulator saw %d connections", err, s.Active())
	}
	if err := TakeOver(context.Background(), store, busy); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "the other player to stop", func() bool { return !otherPlayer.Alive() })
	if rec, _ := store.Recent(); len(rec) != 1 || rec[0].How != lease.Forced {
		t.Errorf("taken-over lease: %+v", rec)
	}
	if err := m.Play(context.Background(), simChannel(s, 3, "ts")); err != nil {
		t.Fatalf("Play after taking over: %v", err)
	}
}

func TestRecoverAfterACrash(t *testing.T) {
	store := tempStore(t)
	player := startSleeper(t)
	orphan, _ := store.Acquire(lease.Lease{Provider: "p", Username: "u", Channel: "A", Tuner: deadProc(t), Player: player})
	gone, _ := store.Acquire(lease.Lease{Provider: "p", Username: "u", Channel: "B", Tuner: deadProc(t), Player: deadProc(t)})

	r, err := Recover(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Orphans) != 1 || r.Orphans[0].ID != orphan.ID || len(r.Recovered) != 1 || r.Recovered[0].ID != gone.ID {
		t.Fatalf("Recover = %+v", r)
	}
	msgs := strings.Join(r.Messages(), "\n")
	if !strings.Contains(msgs, "still runs") || !strings.Contains(msgs, "may still count") {
		t.Errorf("messages:\n%s", msgs)
	}
	if err := StopOrphans(context.Background(), store, r.Orphans); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "the orphaned player to stop", func() bool { return !player.Alive() })
	if act, _ := store.Active(); len(act) != 0 {
		t.Errorf("leases left after recovery: %+v", act)
	}
}

func TestStopAll(t *testing.T) {
	store := tempStore(t)
	p1, p2 := startSleeper(t), startSleeper(t)
	store.Acquire(lease.Lease{Provider: "p", Channel: "A", Tuner: startSleeper(t), Player: p1})
	store.Acquire(lease.Lease{Provider: "q", Channel: "B", Tuner: deadProc(t), Player: p2})
	store.Acquire(lease.Lease{Provider: "r", Channel: "C", Hostname: "another-host", Player: p1})
	stopped, err := StopAll(context.Background(), store)
	if err != nil || len(stopped) != 2 {
		t.Fatalf("StopAll = %d leases, %v", len(stopped), err)
	}
	testutil.Eventually(t, "both players to stop", func() bool { return !p1.Alive() && !p2.Alive() })
	act, _ := store.Active()
	if len(act) != 1 || act[0].Hostname != "another-host" {
		t.Errorf("left active: %+v", act)
	}
}

type closeRecorder struct{ closed chan struct{} }

func (c closeRecorder) Close(context.Context) error { close(c.closed); return nil }

func TestSignalsGoThroughClose(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			c := closeRecorder{closed: make(chan struct{})}
			got := make(chan os.Signal, 1)
			stop := OnSignals(c, time.Second, func(s os.Signal) { got <- s })
			defer stop()
			syscall.Kill(os.Getpid(), sig)
			select {
			case s := <-got:
				if s != sig {
					t.Errorf("then got %v", s)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("signal not handled")
			}
			select {
			case <-c.closed:
			default:
				t.Error("then ran before Close")
			}
		})
	}
}

func TestStopCancelsASlowStart(t *testing.T) {
	s := startSim(t, sim.Config{Faults: sim.Faults{FirstByteDelay: time.Minute}})
	m := newManager(t, Options{Player: fakePlayer(t)})
	played := make(chan error, 1)
	go func() { played <- m.Play(context.Background(), simChannel(s, 1, "ts")) }()
	simWait(t, s, 1) // the panel took the slot and sits on the answer
	if err := m.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-played:
		if !errors.Is(err, ErrStopped) {
			t.Errorf("Play = %v, want ErrStopped", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not cancel the start")
	}
	simWait(t, s, 0)
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("lease held after a cancelled start: %+v", act)
	}
}

func TestDirectModeKeepsPasswordsOffCommandLines(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t), Direct: true})
	err := m.Play(context.Background(), playlist.Channel{Name: "News", URL: "http://panel.example/live/alice/s3cret/1.ts"})
	if err == nil || !strings.Contains(err.Error(), "command line") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Play = %v, want a refusal to pass the password as an argument", err)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("lease held: %+v", act)
	}
}

func TestSetAccountGivesTheLimit(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t)})
	ch := playlist.Channel{Source: "xc", URL: "http://panel.example/live/alice/pw/1.ts"}
	if a := m.account(ch); a.limit() != 1 || a.Name() != "alice@panel.example" {
		t.Errorf("before: %+v", a)
	}
	m.SetAccount("xc", AccountFrom(&playlist.Account{Server: "http://panel.example", Username: "alice", MaxConnections: 3}, 0))
	if a := m.account(ch); a.limit() != 3 {
		t.Errorf("after SetAccount: limit %d, want 3", a.limit())
	}
}
