package diagnosetest

import (
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/session/diagnose"
)

func TestSampleGivesItsKind(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, k := range diagnose.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			d := diagnose.Diagnose(Sample(k, now))
			if d.Kind != k {
				t.Errorf("Diagnose(Sample(%v)).Kind = %v; evidence %q", k, d.Kind, d.Evidence)
			}
			if d.Title == "" || d.Summary == "" || d.LikelyCause == "" || len(d.Advice) == 0 {
				t.Errorf("missing text: %+v", d)
			}
			for _, s := range append([]string{d.Title, d.Summary, d.LikelyCause}, append(d.Evidence, d.Advice...)...) {
				if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
					t.Errorf("control character in %q", s)
				}
			}
		})
	}
}
