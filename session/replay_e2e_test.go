package session

import (
	"context"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
)

// TestLiveReplayLiveWithMPV zaps live, replay, live ten times in real mpv
// on a one-slot panel in Berlin: the panel never sees two connections,
// refuses nothing, and reads each replay's start as the programme's own.
func TestLiveReplayLiveWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, Timezone: "Europe/Berlin"})
	m := newManager(t, Options{Player: "mpv --no-config --vo=null --ao=null"})
	ctx := context.Background()

	live := simChannel(s, 1, "ts") // channel 1 keeps three days
	live.Extra = &playlist.Extra{Catchup: "xc", CatchupDays: "3"}
	aired := time.Now().Add(-26 * time.Hour).Truncate(time.Minute)
	replay, err := catchup.Replay(live, catchup.SpecOf(live, playlist.Attributes{}), aired, aired.Add(45*time.Minute), time.Now(), s.Zone())
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 10
	for i := range rounds {
		for _, ch := range []playlist.Channel{live, replay} {
			if err := m.Play(ctx, ch); err != nil {
				t.Fatalf("round %d, %s: %v", i+1, ch.Kind(), err)
			}
		}
	}
	if err := m.Play(ctx, live); err != nil {
		t.Fatal(err)
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("the panel saw %d connections at once, want 1", p)
	}
	if r := s.Rejections(); len(r) != 0 {
		t.Errorf("the panel refused %d requests: %+v", len(r), r)
	}
	replays := s.Replays()
	if len(replays) != rounds {
		t.Fatalf("%d replays asked for, want %d", len(replays), rounds)
	}
	for _, r := range replays {
		if !r.Start.Equal(aired) || r.Minutes != 45 || r.Status != 200 || r.StreamID != 1 {
			t.Fatalf("replay %+v, want channel 1 from %v for 45 minutes", r, aired)
		}
	}
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
}
