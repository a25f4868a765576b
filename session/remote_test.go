package session

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
)

func TestRemoteZapKeepsTheURLAndTheConnectedPlayer(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	m := newManager(t, Options{Remote: true})
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	url := m.GateURL()
	if m.RemoteViewer() {
		t.Error("a remote viewer is reported before any player connected")
	}
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("remote player: %v %v", resp, err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadFull(resp.Body, make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	if !m.RemoteViewer() {
		t.Error("no remote viewer reported while its player reads")
	}

	for _, id := range []int{2, 3} {
		if err := m.Play(ctx, simChannel(s, id, "ts")); err != nil {
			t.Fatalf("zap to %d: %v", id, err)
		}
		if got := m.GateURL(); got != url {
			t.Fatalf("the URL changed on a zap: %s, then %s", url, got)
		}
		testutil.Eventually(t, "the new channel on the same connection", func() bool {
			c := s.Connections()
			return len(c) > 0 && c[len(c)-1].StreamID == id && c[len(c)-1].Active()
		})
		if _, err := io.ReadFull(resp.Body, make([]byte, 4096)); err != nil {
			t.Fatalf("the player's connection broke on the zap to %d: %v", id, err)
		}
		if !m.RemoteViewer() {
			t.Errorf("no remote viewer reported after the zap to %d", id)
		}
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("the provider saw %d connections at once, want 1", p)
	}
	if r := s.Rejections(); len(r) != 0 {
		t.Errorf("the provider refused %d requests: %+v", len(r), r)
	}

	resp.Body.Close()
	testutil.Eventually(t, "the viewer to be reported gone", func() bool { return !m.RemoteViewer() })
	if m.Slots().Held != 1 {
		t.Error("the slot was let go when the remote player left")
	}
}
