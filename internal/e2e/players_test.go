package e2e

import (
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// noSound is mpv with a sound device that is never there, so these tests
// see the same on a machine with sound as on one without.
const noSound = "--audio-device=alsa/tuner-no-such-device"

// TestAPlayerWithoutSoundSaysWhy plays sound only with no sound device: mpv
// ends at once, and the status bar says so with mpv's own complaint and
// what to try, instead of nothing.
func TestAPlayerWithoutSoundSaysWhy(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	tm := newHome(t).tuner(s, 120, 24, "--player", "mpv "+noSound, "--mode", "audio")
	browsing(tm)
	tm.keys("Enter")
	tm.waitText("mpv stopped after", "audio device", "--mode")
	if err := s.WaitActive(bounded(t), 0); err != nil {
		t.Errorf("the provider's connection stayed open: %v", err)
	}
}

// TestPlaysAgainAfterTheSoundDeviceFailed: mpv whose sound device failed
// plays the first channel (video only); after s, enter plays again.
func TestPlaysAgainAfterTheSoundDeviceFailed(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	tm := newHome(t).tuner(s, 120, 24, "--player", "mpv --vo=null "+noSound)
	browsing(tm)
	play(t, tm, s)
	tm.waitText("▶ UK: BBC One HD")
	tm.keys("s")
	if err := s.WaitActive(bounded(t), 0); err != nil {
		t.Fatal(err)
	}
	play(t, tm, s)
	tm.waitText("▶ UK: BBC One HD")
	screen := tm.waitText("▶ UK: BBC One HD · 0:00:03")
	if s.Active() != 1 {
		t.Errorf("not playing after the second enter:\n%s", screen)
	}
}

// TestACutStreamIsSaidAndReconnected: the provider kicks tuner's stream;
// the status bar says so in words, and tuner opens the channel once more.
func TestACutStreamIsSaidAndReconnected(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	tm := newHome(t).tuner(s, 120, 24)
	browsing(tm)
	c := play(t, tm, s)
	tm.waitText("▶ UK: BBC One HD")
	before := len(tsConns(s))
	s.Kick(c.ID)
	tm.waitText("the provider ended the stream", "reconnecting")
	waitStreaming(t, s, before)
	tm.waitText("▶ UK: BBC One HD")
}
