package diagnose_test

import (
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

func BenchmarkDiagnose(b *testing.B) {
	e := diagnosetest.Sample(diagnose.SlotOther, time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	e.Refusal.Body = []byte("<html><body><h3>HTTP Error 401.1 - Unauthorized</h3><p>You do not have permission.</p></body></html>")
	for b.Loop() {
		diagnose.Diagnose(e)
	}
}
