package session

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// waitFor returns the first event that satisfies ok, failing after 10 s.
func waitFor(t *testing.T, m *Manager, what string, ok func(Event) bool) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e := <-m.Events():
			if ok(e) {
				return e
			}
		case <-deadline:
			t.Fatalf("no event: %s", what)
		}
	}
}

func kickOurs(t *testing.T, s *sim.Server) {
	t.Helper()
	conns := s.Connections()
	if len(conns) == 0 || !s.Kick(conns[len(conns)-1].ID) {
		t.Fatal("no connection to kick")
	}
}

func TestACutStreamIsSaidInWordsAndReconnectedOnce(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: fakePlayer(t), ReconnectWait: 50 * time.Millisecond})
	ch := simChannel(s, 1, "ts")
	if err := m.Play(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	waitFor(t, m, "playing", func(e Event) bool { return e.State == Playing && e.Message != "" })
	kickOurs(t, s)
	e := waitFor(t, m, "the cut", func(e Event) bool { return e.State != Playing })
	if e.State != Starting || !strings.Contains(e.Message, "the provider ended the stream") || !strings.Contains(e.Message, "reconnecting") {
		t.Fatalf("after the cut: %v %q", e.State, e.Message)
	}
	waitFor(t, m, "playing again", func(e Event) bool { return e.State == Playing && e.Message != "" })
	simWait(t, s, 1)
	// Cut again at once: another device keeps taking the slot, so no second try.
	kickOurs(t, s)
	e = waitFor(t, m, "the second cut", func(e Event) bool { return e.State != Playing && e.State != Starting })
	if e.State != Failed || strings.Contains(e.Message, "EOF") || !strings.Contains(e.Message, "the provider ended the stream") {
		t.Fatalf("after the second cut: %v %q", e.State, e.Message)
	}
	simWait(t, s, 0)
	if opens := len(s.Connections()); opens != 2 {
		t.Errorf("%d stream opens, want 2 (the first and one reconnect)", opens)
	}
}

func TestStopDuringTheReconnectWaitCallsItOff(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: fakePlayer(t), ReconnectWait: 500 * time.Millisecond})
	if err := m.Play(context.Background(), simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	waitFor(t, m, "playing", func(e Event) bool { return e.State == Playing && e.Message != "" })
	kickOurs(t, s)
	waitFor(t, m, "the cut", func(e Event) bool { return e.State == Starting && e.Err != nil })
	if err := m.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if opens := len(s.Connections()); opens != 1 || s.Active() != 0 {
		t.Errorf("%d opens and %d active after a stop in the wait, want 1 and 0", opens, s.Active())
	}
}
