package e2e

import (
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestCredentialsScreenAtStart starts tuner with a wrong password: the
// account's first answer (auth 0) opens the credentials screen with its
// advice, not only a line in the status bar over an empty list; esc goes
// back to the empty browser.
func TestCredentialsScreenAtStart(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	h := newHome(t)
	argv := []string{tunerBin, "--xtream", s.URL(), "--username", s.Username(), "--player", headlessMPV}
	tm := newTerm(t, h.env("Not-The-Password"), 80, 24, argv...)
	tm.secret = "Not-The-Password"
	tm.waitText("Username or password rejected: "+s.Username()+"@", "Check the username and password", "tuner check", "esc back")
	tm.keys("Escape")
	tm.waitText("No channels.", "credentials rejected (auth 0)")
	if n := len(s.Connections()); n != 0 {
		t.Errorf("a wrong password opened %d streams", n)
	}
}

// TestSlotStateWhilePlaying plays at 80x24 and 60x20: the status bar still
// says who holds the slot ("slot 1/1 held by this tuner") beside the
// channel playing; the now-playing numbers give way.
func TestSlotStateWhilePlaying(t *testing.T) {
	needTools(t)
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			t.Parallel()
			s := startSim(t, sim.Config{})
			tm := newHome(t).tuner(s, size[0], size[1])
			browsing(tm)
			play(t, tm, s)
			tm.waitText("▶ UK: BBC One HD ·", "slot 1/1 held by this tuner")
		})
	}
}

// TestTakenOverTunerSaysWhy takes the slot over from a playing tuner: the
// first tuner says its player was closed from outside, not that it failed.
func TestTakenOverTunerSaysWhy(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	h := newHome(t)
	first := h.tuner(s, 80, 24)
	browsing(first)
	play(t, first, s)
	h.waitLeasePlayer(mpvChild(t, first.pid()))

	second := h.tuner(s, 80, 24)
	browsing(second)
	second.keys("j", "Enter")
	second.waitText("Slot held by another tuner", "Take over")
	second.keys("t")
	second.waitText("▶ UK: BBC Two", "slot 1/1 held by this tuner")

	screen := first.waitText(" stopped: the player was closed by another tuner or `tuner stop`")
	if strings.Contains(screen, "exited") || strings.Contains(screen, "signal") {
		t.Errorf("the first tuner reports a failure:\n%s", screen)
	}
	// The first tuner's lease says it was taken, not given back on its own.
	rec := h.leases().Recent
	if len(rec) == 0 || rec[len(rec)-1]["how"] != "forced" {
		t.Errorf("the first tuner's lease, oldest of %d recent: %v; want released as forced", len(rec), rec)
	}
}
