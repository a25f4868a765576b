//go:build e2e_pending

package e2e

// Tests of behaviour the binary does not have yet. Run them with
//
//	go test -count=1 -tags e2e_pending -run Pending ./internal/e2e/

import (
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestPendingZapTwentyTimes plays a channel and zaps 20 times: the provider
// sees exactly one connection while a channel plays, never two at once, and
// refuses nothing. It fails now and then: tuner opens the next stream right
// after closing the last one, before the provider has counted the close, and
// earns a 401 (the simulator logs the refusal a few microseconds before the
// previous connection's close).
func TestPendingZapTwentyTimes(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	tm := newHome(t).tuner(s, 80, 24)
	browsing(tm)

	first := play(t, tm, s)
	if first.StreamID != 1 || s.Active() != 1 {
		t.Fatalf("playing the first channel: stream %d, %d active; want stream 1, 1 active", first.StreamID, s.Active())
	}

	for i := range 20 {
		tm.keys("j", "Enter")
		c := waitStreaming(t, s, i+1)
		if c.StreamID != i+2 {
			t.Fatalf("zap %d opened stream %d, want %d", i+1, c.StreamID, i+2)
		}
		if n := s.Active(); n != 1 {
			t.Fatalf("zap %d: %d connections active, want 1: %+v", i+1, n, s.Connections())
		}
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("peak connections %d, want 1: %+v", p, s.Connections())
	}
	if r := s.Rejections(); len(r) != 0 {
		t.Errorf("provider refused requests: %+v", r)
	}
	for _, c := range tsConns(s)[:20] {
		if c.Reason != sim.ClosedByClient {
			t.Errorf("stream %d closed by %q, want by the client", c.StreamID, c.Reason)
		}
	}
}

// TestPendingCredentialsScreenAtStart starts tuner with a wrong password:
// the account's first answer (auth 0) must open the credentials screen with
// its advice, not only a line in the status bar over an empty list.
func TestPendingCredentialsScreenAtStart(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	h := newHome(t)
	argv := []string{tunerBin, "--xtream", s.URL(), "--username", s.Username(), "--player", headlessMPV}
	tm := newTerm(t, h.env("Not-The-Password"), 80, 24, argv...)
	tm.secret = "Not-The-Password"
	tm.waitText("Username or password rejected")
}

// TestPendingSlotStateWhilePlaying plays at 80x24: the status bar must still
// say who holds the slot ("slot 1/1 held by this tuner"); the now-playing
// details crowd it out at this width.
func TestPendingSlotStateWhilePlaying(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	tm := newHome(t).tuner(s, 80, 24)
	browsing(tm)
	play(t, tm, s)
	tm.waitText("▶ UK: BBC One HD ·", "slot 1/1")
}
