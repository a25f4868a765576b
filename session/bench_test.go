package session

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
)

// Run with real mpv against the simulator:
//
//	go test -run '^$' -bench . -benchtime 20x ./session/
//
// Each benchmark reports the median of its samples in ms; ns/op includes
// setup and means little.

func median(d []time.Duration) float64 {
	slices.Sort(d)
	return float64(d[len(d)/2]) / float64(time.Millisecond)
}

// lastCloseAfter waits until the simulator records the newest stream
// connection closed and returns how long after t0 that was.
func lastCloseAfter(b *testing.B, s *sim.Server, t0 time.Time) time.Duration {
	b.Helper()
	var closed time.Time
	testutil.Eventually(b, "the provider-side close", func() bool {
		conns := s.Connections()
		c := conns[len(conns)-1]
		closed = c.Close
		return !c.Close.IsZero()
	})
	return closed.Sub(t0)
}

func benchManager(b *testing.B) (*sim.Server, *Manager) {
	b.Helper()
	testutil.RequireTool(b, "mpv")
	s := startSim(b, sim.Config{MaxConnections: 1})
	store := tempStoreB(b)
	m, err := New(Options{Player: headless, Store: store})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close(context.Background()) })
	return s, m
}

// BenchmarkStopToProviderClose: from Stop (the `s` key) to the simulator
// seeing the connection closed.
func BenchmarkStopToProviderClose(b *testing.B) {
	s, m := benchManager(b)
	ctx := context.Background()
	var samples []time.Duration
	for i := 0; b.Loop(); i++ {
		if err := m.Play(ctx, simChannel(s, 1+i%5, "ts")); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := m.Stop(ctx); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, lastCloseAfter(b, s, t0))
	}
	b.ReportMetric(median(samples), "ms-to-close")
}

// BenchmarkCloseToProviderClose: from Close (quit, SIGINT, SIGTERM, SIGHUP)
// to the simulator seeing the connection closed; mpv quits too.
func BenchmarkCloseToProviderClose(b *testing.B) {
	testutil.RequireTool(b, "mpv")
	s := startSim(b, sim.Config{MaxConnections: 1})
	store := tempStoreB(b)
	ctx := context.Background()
	var samples []time.Duration
	for b.Loop() {
		m, err := New(Options{Player: headless, Store: store})
		if err != nil {
			b.Fatal(err)
		}
		if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		m.Close(ctx)
		samples = append(samples, lastCloseAfter(b, s, t0))
	}
	b.ReportMetric(median(samples), "ms-to-close")
}

// BenchmarkZapToFirstByte: from Play on another channel while one plays to
// the new stream's first byte passing the gate to the player.
func BenchmarkZapToFirstByte(b *testing.B) {
	s, m := benchManager(b)
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		b.Fatal(err)
	}
	var samples []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if err := m.Play(ctx, simChannel(s, 2+i%5, "ts")); err != nil {
			b.Fatal(err)
		}
		m.stateMu.Lock()
		first := m.cur.stream.FirstByteAt()
		m.stateMu.Unlock()
		samples = append(samples, first.Sub(t0))
	}
	b.ReportMetric(median(samples), "ms-to-first-byte")
}
