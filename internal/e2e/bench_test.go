package e2e

// Benchmarks of what a person feels, measured at the provider's side:
//
//	go test -count=1 -run '^$' -bench . -benchtime=20x ./internal/e2e/
//
// BenchmarkQuitToClose reports the median time from the quit key (q sent to
// the terminal) to the simulator seeing the stream's connection closed.
// BenchmarkZapToFirstByte reports the median time from the zap keys (j and
// enter) to the simulator opening the next channel's stream, which it starts
// sending at once. Both include tmux passing the keys on (a few ms). Each
// iteration starts a tuner or zaps once; -benchtime=Nx sets how many.

import (
	"slices"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func BenchmarkQuitToClose(b *testing.B) {
	needTools(b)
	s := startSim(b, sim.Config{})
	h := newHome(b)
	var times []time.Duration
	for b.Loop() {
		tm := h.tuner(s, 80, 24)
		browsing(tm)
		play(b, tm, s)
		sent := time.Now()
		tm.keys("q")
		if err := s.WaitActive(bounded(b), 0); err != nil {
			b.Fatalf("connection still open after q: %+v", s.Connections())
		}
		times = append(times, lastClose(s.Connections()).Sub(sent))
		tm.waitExit(bounded(b))
		tm.close()
	}
	report(b, times)
}

func BenchmarkZapToFirstByte(b *testing.B) {
	needTools(b)
	s := startSim(b, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	tm := newHome(b).tuner(s, 80, 24)
	browsing(tm)
	play(b, tm, s)
	var times []time.Duration
	refused := 0
	for b.Loop() {
		conns, rejections := len(tsConns(s)), len(s.Rejections())
		sent := time.Now()
		tm.keys("j", "Enter")
		var c sim.Conn
		err := s.WaitFor(bounded(b), func() bool {
			if len(s.Rejections()) > rejections {
				return true
			}
			cs := tsConns(s)
			if len(cs) <= conns {
				return false
			}
			c = cs[len(cs)-1]
			return true
		})
		if err != nil {
			b.Fatalf("zap opened nothing: connections %+v", s.Connections())
		}
		if c.ID == 0 {
			// The provider still counted the last stream (see
			// TestPendingZapTwentyTimes): leave the refusal screen and go on.
			refused++
			tm.keys("Escape")
			continue
		}
		times = append(times, c.Open.Sub(sent))
	}
	report(b, times)
	b.ReportMetric(float64(refused), "refused")
}

// report replaces ns/op, which counts setting up each iteration, with the
// median and worst of the measured times.
func report(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
}
