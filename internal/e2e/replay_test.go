package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestReplayFromTheScheduleAndTheGrid replays what aired on an archive
// channel, from the schedule and from the grid, in real mpv: the panel in
// Berlin reads the start tuner asked for as the programme's own, and the
// slot is held by one stream at a time.
func TestReplayFromTheScheduleAndTheGrid(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{Timezone: "Europe/Berlin"})
	tm := newHome(t).tuner(s, 80, 24)
	browsing(tm)
	tm.waitText("guide 99% matched")

	// The schedule of the first channel, an archive channel: the programme
	// before the one on now is in the archive.
	tm.keys("e")
	tm.waitText("Schedule · UK: BBC One HD")
	tm.keys("Up")
	screen := tm.waitText("in the archive", "enter replay")
	start := detailStart(t, screen)
	tm.keys("Enter")
	waitReplays(t, s, 1)
	tm.waitText("replay · UK: BBC One HD")

	// From the grid, the same channel, the programme before the one on now.
	tm.keys("E")
	tm.waitText("▶●")
	tm.keys("Left")
	screen = tm.waitText("in the archive")
	gridStart := detailStart(t, screen)
	tm.keys("Enter")
	r := waitReplays(t, s, 2)
	for i, want := range []time.Time{start, gridStart} {
		if !r[i].Start.Equal(want) || r[i].StreamID != 1 || r[i].Status != 200 {
			t.Errorf("replay %d: the panel read %+v, want channel 1 from %v", i+1, r[i], want)
		}
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("the panel saw %d connections at once", p)
	}
}

// detailStart reads the selected programme's start from the line that
// describes it: "… Wed 02 Dec 12:00–13:30 …", in the machine's zone.
func detailStart(t *testing.T, screen string) time.Time {
	t.Helper()
	for _, l := range lines(screen) {
		f := strings.Fields(l)
		for i := 0; i+3 < len(f); i++ {
			hm, _, ok := strings.Cut(f[i+3], "–")
			if !ok {
				continue
			}
			at, err := time.ParseInLocation("Mon 02 Jan 15:04 2006", strings.Join(append(f[i:i+3:i+3], hm, time.Now().Format("2006")), " "), time.Local)
			if err == nil {
				if at.After(time.Now().Add(24 * time.Hour)) { // across a new year
					at = at.AddDate(-1, 0, 0)
				}
				return at
			}
		}
	}
	t.Fatalf("no programme time on screen:\n%s", screen)
	return time.Time{}
}

func waitReplays(t *testing.T, s *sim.Server, n int) []sim.Replay {
	t.Helper()
	if err := s.WaitFor(bounded(t), func() bool { return len(s.Replays()) >= n }); err != nil {
		t.Fatalf("%d replays asked for, want %d: %v", len(s.Replays()), n, err)
	}
	return s.Replays()
}
