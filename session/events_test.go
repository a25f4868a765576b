package session

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// TestEventsKeepEveryStateChange: a screen that reads nothing for a while
// still gets every change of state, in order, and Close neither waits for
// it nor loses what it has not read yet.
func TestEventsKeepEveryStateChange(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t)})
	const n = 3 * eventBuffer
	for i := range n {
		m.emit(Event{State: Starting, Message: fmt.Sprint(i)})
	}
	closed := make(chan error, 1)
	go func() { closed <- m.Close(context.Background()) }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Close waits for a reader that does not read")
	}
	next := 0
	for e := range m.Events() {
		if e.State != Starting {
			continue
		}
		if e.Message != fmt.Sprint(next) {
			t.Fatalf("event %q arrived where %d was due", e.Message, next)
		}
		next++
	}
	if next != n {
		t.Errorf("%d of %d state changes delivered", next, n)
	}
}

// TestEventsDropOnlyStats: stats a lagging reader has no room for are
// dropped; the state change after them still arrives.
func TestEventsDropOnlyStats(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t)})
	ch := playlist.Channel{Name: "one"}
	for range 2 * eventBuffer {
		m.emitStats(Event{State: Playing, Channel: ch, Stats: Stats{Elapsed: time.Second}})
	}
	m.emit(Event{State: Stopped, Channel: ch, Message: "stopped"})
	stats, stopped := 0, false
	for range eventBuffer + 1 {
		e := <-m.Events()
		switch e.State {
		case Playing:
			stats++
		case Stopped:
			stopped = true
		}
	}
	if stats != eventBuffer || !stopped {
		t.Errorf("got %d stats and stopped=%v, want %d stats (a full buffer) and the stop", stats, stopped, eventBuffer)
	}
}
