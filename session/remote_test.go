package session

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
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
	// A player reads on without pause; one that stopped reading would hold
	// the lazy gate in a write to it, and the next channel would wait.
	player := readOn(resp.Body)
	player.waitFor(t, 4096)
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
		player.waitFor(t, player.count()+4096)
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

// drained counts what a player read from a body it reads to the end.
type drained struct {
	n    atomic.Int64
	err  atomic.Value
	done chan struct{}
}

func readOn(r io.Reader) *drained {
	d := &drained{done: make(chan struct{})}
	go func() {
		defer close(d.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			d.n.Add(int64(n))
			if err != nil {
				d.err.Store(err)
				return
			}
		}
	}()
	return d
}

func (d *drained) count() int64 { return d.n.Load() }

// waitFor waits until the player read n bytes, failing if its connection
// ended first.
func (d *drained) waitFor(t *testing.T, n int64) {
	t.Helper()
	testutil.Eventually(t, "the player to read on", func() bool {
		if err, ok := d.err.Load().(error); ok && d.count() < n {
			t.Fatalf("the player's connection broke after %d bytes: %v", d.count(), err)
		}
		return d.count() >= n
	})
}
