package session

import (
	"context"
	"errors"
	"syscall"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/lease"
)

// A tuner killed with SIGKILL leaves its player running; in direct mode that
// player still holds the provider's slot. The next start finds it, and
// stopping it frees the slot.
func TestKilledTunerLeavesAnOrphanThatTheNextStartStops(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1})
	store := tempStore(t)
	other := startTuner(t, store, s.StreamURL(1, "ts"), true)
	simWait(t, s, 1)
	other.Process.Signal(syscall.SIGKILL)
	other.Wait()

	r, err := Recover(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Orphans) != 1 || !r.Orphans[0].Player.Alive() {
		t.Fatalf("Recover = %+v, want the orphaned mpv", r)
	}
	if s.Active() != 1 {
		t.Errorf("the orphaned player no longer holds the slot: %d", s.Active())
	}
	if err := StopOrphans(context.Background(), store, r.Orphans); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
	if rec, _ := store.Recent(); len(rec) != 1 || rec[0].How != lease.Forced {
		t.Errorf("orphan's lease: %+v", rec)
	}
}

func TestSignalledTunerReleasesCleanly(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1})
			store := tempStore(t)
			other := startTuner(t, store, s.StreamURL(1, "ts"), false)
			simWait(t, s, 1)
			act, _ := store.Active()
			other.Process.Signal(sig)
			if err := other.Wait(); err != nil {
				t.Errorf("tuner exited with %v", err)
			}
			simWait(t, s, 0)
			rec, _ := store.Recent()
			if len(rec) != 1 || rec[0].How != lease.Clean || act[0].Player.Alive() {
				t.Errorf("after %v: lease %+v, player alive %v", sig, rec, act[0].Player.Alive())
			}
		})
	}
}

// Two tuners on a one-slot account: the second is told the first holds the
// slot instead of earning a 401, and can take it over.
func TestTwoTunersOnOneSlot(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	store := tempStore(t)
	startTuner(t, store, s.StreamURL(1, "ts"), false)
	simWait(t, s, 1)

	m := newManager(t, Options{Player: headless, Store: store})
	err := m.Play(context.Background(), simChannel(s, 2, "ts"))
	var busy *SlotBusyError
	if !errors.As(err, &busy) {
		t.Fatalf("Play = %v, want the slot reported busy", err)
	}
	if err := TakeOver(context.Background(), store, busy); err != nil {
		t.Fatal(err)
	}
	if err := m.Play(context.Background(), simChannel(s, 2, "ts")); err != nil {
		t.Fatalf("Play after taking over: %v", err)
	}
	simWait(t, s, 1)
	if rej := s.Rejections(); len(rej) != 0 {
		t.Errorf("the simulator refused: %+v", rej)
	}
	if a, b, ok := overlaps(s.Connections()); ok {
		t.Errorf("two connections at once: #%d and #%d", a.ID, b.ID)
	}
}
