package session

import (
	"context"
	"errors"
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

// TestAWarningRidesOnAStateChange: a warning waits for an event that cannot
// be dropped, so a lagging screen does not lose it with the stats.
func TestAWarningRidesOnAStateChange(t *testing.T) {
	o := newOutbox(4)
	warning := &ReleaseError{Channel: "one", Err: fmt.Errorf("lease store: disk full")}
	o.warn(warning)
	o.put(Event{State: Playing, Stats: Stats{Elapsed: time.Second}}, true)
	o.put(Event{State: Stopped, Message: "stopped"}, false)
	o.put(Event{State: Starting}, false)
	o.close()
	var got []error
	for e := range o.out {
		got = append(got, e.Warning)
	}
	if len(got) != 3 || got[0] != nil || got[1] == nil || got[2] != nil {
		t.Fatalf("warnings by event: %v, want it on the stop only", got)
	}
	var re *ReleaseError
	if !errors.As(got[1], &re) || re != warning {
		t.Errorf("the stop carries %v, want the release error", got[1])
	}
}
