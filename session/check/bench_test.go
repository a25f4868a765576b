package check

import (
	"context"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// BenchmarkCheckAccount measures a check's own cost against a local panel:
// account info, categories and a live list of 5,000 channels, no spacing and
// no stream probe (both are waits by design, not work).
func BenchmarkCheckAccount(b *testing.B) {
	s := sim.New(sim.Config{Password: testPassword, Channels: 5000})
	if err := s.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := New(Options{Probe: 0, Pace: -1})
	cl := account(s, testPassword)
	b.ReportAllocs()
	for b.Loop() {
		if r := c.Check(context.Background(), cl); r.Outcome != OK {
			b.Fatalf("outcome %q: %s", r.Outcome, r.Verdict)
		}
	}
}
