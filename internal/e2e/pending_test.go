//go:build e2e_pending

package e2e

// Tests of behaviour the binary does not have yet. Run them with
//
//	go test -count=1 -tags e2e_pending -run Pending ./internal/e2e/

import (
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

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
