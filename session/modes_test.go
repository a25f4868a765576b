package session

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/player"
)

// screen is the output side of a handed-over terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(b)
}

func fakeTerminalMPV(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mpv")
	if err := os.Symlink(self, path); err != nil {
		t.Fatal(err)
	}
	t.Setenv(fakeTermEnv, "1")
	return path
}

// playInTerminal runs PlayInTerminal as the TUI's hand-over does and
// returns its outcome channel and the keyboard.
func playInTerminal(t *testing.T, m *Manager, s *sim.Server) (<-chan error, io.WriteCloser) {
	t.Helper()
	in, keys := io.Pipe()
	t.Cleanup(func() { keys.Close() })
	out := &screen{}
	done := make(chan error, 1)
	go func() { done <- m.PlayInTerminal(context.Background(), simChannel(s, 1, "ts"), in, out, out) }()
	return done, keys
}

func TestPlayInTerminalHoldsTheSlotUntilTheViewerQuits(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: fakeTerminalMPV(t), PlayerOptions: player.Options{Terminal: true}})
	if !m.PlaysInTerminal() {
		t.Fatal("a terminal-mode Manager says it does not play in the terminal")
	}
	done, keys := playInTerminal(t, m, s)
	simWait(t, s, 1)
	testutil.Eventually(t, "the lease", func() bool { return m.Slots().Held == 1 })
	// A q typed before the stream plays ends the start, not the playback.
	for ev := range m.Events() {
		if ev.State == Playing {
			break
		}
	}
	keys.Write([]byte("q"))
	if err := <-done; err != nil {
		t.Fatalf("PlayInTerminal after q = %v, want nil", err)
	}
	simWait(t, s, 0)
	if act, _ := m.Store().Active(); len(act) != 0 || m.Slots().Held != 0 {
		t.Errorf("after q: %d active leases, %d held; want none", len(act), m.Slots().Held)
	}
	if s.Peak() != 1 {
		t.Errorf("provider peak %d, want 1", s.Peak())
	}
}

// TestPlayInTerminalStopsOnClose is the signal path: OnSignals closes the
// Manager while real mpv draws in the terminal.
func TestPlayInTerminalStopsOnClose(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: "mpv --ao=null", PlayerOptions: player.Options{Terminal: true}})
	done, _ := playInTerminal(t, m, s)
	for ev := range m.Events() {
		if ev.State == Playing {
			break
		}
	}
	simWait(t, s, 1)
	testutil.Eventually(t, "the player process in the lease", func() bool {
		act, _ := m.Store().Active()
		return len(act) == 1 && act[0].Player.Alive()
	})
	act, _ := m.Store().Active()
	proc := act[0].Player
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("PlayInTerminal after Close = %v, want nil", err)
	}
	simWait(t, s, 0)
	if proc.Alive() {
		t.Error("mpv still runs after Close")
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("%d leases still active after Close", len(act))
	}
}

func TestPlayInTerminalNeedsTerminalMode(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t)})
	if m.PlaysInTerminal() {
		t.Error("a window-mode Manager says it plays in the terminal")
	}
	if err := m.PlayInTerminal(context.Background(), simChannel(startSim(t, sim.Config{}), 1, "ts"), &bytes.Buffer{}, io.Discard, io.Discard); err == nil {
		t.Error("PlayInTerminal without terminal mode succeeded")
	}
}

func TestRemoteServesOnePlayerAndOpensTheProviderOnlyForIt(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Remote: true})
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	url := m.GateURL()
	if url == "" || m.Slots().Held != 1 {
		t.Fatalf("gate URL %q, %d held; want a URL and the slot", url, m.Slots().Held)
	}
	if n := len(s.Connections()); n != 0 {
		t.Errorf("%d provider connections before any player connected, want 0", n)
	}

	first, err := http.Get(url)
	if err != nil || first.StatusCode != http.StatusOK {
		t.Fatalf("first player: %v %v", first, err)
	}
	defer first.Body.Close()
	if _, err := io.ReadFull(first.Body, make([]byte, 1024)); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)

	second, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	second.Body.Close()
	if second.StatusCode != http.StatusConflict {
		t.Errorf("second player got %d, want 409", second.StatusCode)
	}
	if n, p := len(s.Connections()), s.Peak(); n != 1 || p != 1 {
		t.Errorf("provider saw %d connections (peak %d) with a second player, want 1", n, p)
	}

	// The player on the other computer quits and comes back: the provider's
	// connection goes with it and opens again, the slot stays held meanwhile.
	first.Body.Close()
	simWait(t, s, 0)
	if m.Slots().Held != 1 {
		t.Error("the slot was let go when the remote player left")
	}
	again, err := http.Get(url)
	if err != nil || again.StatusCode != http.StatusOK {
		t.Fatalf("returning player: %v %v", again, err)
	}
	defer again.Body.Close()
	simWait(t, s, 1)

	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
	io.Copy(io.Discard, again.Body) // returns once the gate closed the stream
	if p := s.Peak(); p != 1 {
		t.Errorf("provider peak %d, want 1", p)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("%d leases active after Stop", len(act))
	}
}

func TestRemoteRefusalArrivesAsAnEvent(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	release := s.Occupy(1) // another device holds the only slot
	defer release()
	m := newManager(t, Options{Remote: true})
	ctx := context.Background()
	ch := simChannel(s, 1, "ts")
	if err := m.Play(ctx, ch); err != nil {
		t.Fatalf("Play = %v; a remote stream opens nothing until its player connects", err)
	}
	resp, err := http.Get(m.GateURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("remote player got %d, want the provider's 401", resp.StatusCode)
	}
	for ev := range m.Events() {
		if ev.State == Refused {
			if ev.Refusal == nil || ev.Refusal.Status != http.StatusUnauthorized {
				t.Errorf("refusal %+v, want 401", ev.Refusal)
			}
			break
		}
	}
	testutil.Eventually(t, "the lease to be released", func() bool { act, _ := m.Store().Active(); return len(act) == 0 })
}

func TestRemoteRefusesDirectMode(t *testing.T) {
	_, err := New(Options{Remote: true, Direct: true, Store: tempStore(t)})
	if err == nil {
		t.Error("remote with direct mode was accepted")
	}
	var nf *player.NotFoundError
	if errors.As(err, &nf) {
		t.Errorf("remote mode looked for a player: %v", err)
	}
}

func TestRemoteHLSKeepsOneProviderSession(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Remote: true})
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "m3u8")); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Connections()); n != 0 {
		t.Errorf("%d provider sessions before any player connected, want 0", n)
	}
	for _, who := range []string{"first player", "second player"} {
		resp, err := http.Get(m.GateURL())
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", who, resp, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Contains(body, []byte("#EXTM3U")) {
			t.Fatalf("%s got no playlist: %q", who, body)
		}
	}
	simWait(t, s, 1)
	if p := s.Peak(); p != 1 {
		t.Errorf("provider peak %d with two players on an HLS stream, want 1", p)
	}
	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("%d leases active after Stop", len(act))
	}
}
