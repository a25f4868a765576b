package session

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
)

// stallingProvider sends a little video, then nothing until released.
func stallingProvider(t *testing.T) *httptest.Server {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "video/mp2t")
		w.Write(make([]byte, 188*100))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

func TestStatsSayWhenTheProviderSendsNothing(t *testing.T) {
	srv := stallingProvider(t)
	m := newManager(t, Options{Player: fakePlayer(t), StatsEvery: 50 * time.Millisecond, StallAfter: 300 * time.Millisecond})
	if err := m.Play(context.Background(), playlist.Channel{Name: "Quiet", URL: srv.URL + "/1.ts"}); err != nil {
		t.Fatal(err)
	}
	e := waitFor(t, m, "a stall in the stats", func(e Event) bool { return e.State == Playing && e.Stats.Stalled > 0 })
	if e.Stats.Stalled < 300*time.Millisecond {
		t.Errorf("Stalled = %v before the threshold", e.Stats.Stalled)
	}
}

func TestStatsTellNoStallWhileBytesFlow(t *testing.T) {
	s := startSim(t, sim.Config{})
	m := newManager(t, Options{Player: fakePlayer(t), StatsEvery: 50 * time.Millisecond, StallAfter: 300 * time.Millisecond})
	if err := m.Play(context.Background(), simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		e := waitFor(t, m, "stats", func(e Event) bool { return e.State == Playing && e.Message == "" })
		if e.Stats.Stalled != 0 {
			t.Fatalf("Stalled = %v while the simulator streams", e.Stats.Stalled)
		}
	}
}
