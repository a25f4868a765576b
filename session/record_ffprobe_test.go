package session

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/record"
)

// probeDuration is the duration ffprobe reads from a file's container.
func probeDuration(t *testing.T, ffprobe, path string) time.Duration {
	t.Helper()
	out, err := exec.Command(ffprobe, "-v", "error", "-show_entries", "format=duration",
		"-of", "default=noprint_wrappers=1:nokey=1", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	secs, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		t.Fatalf("ffprobe said %q", out)
	}
	return time.Duration(secs * float64(time.Second))
}

// The measure: 30 s recorded read as 30 s, within 2 s, on one
// connection. TS and HLS run side by side, so the test costs 30 s.
func TestThirtySecondsRecordedAreThirtySecondsInFFprobe(t *testing.T) {
	ffprobe := testutil.RequireTool(t, "ffprobe")
	if testing.Short() {
		t.Skip("records 30 s of real time")
	}
	for _, ext := range []string{"ts", "m3u8"} {
		t.Run(ext, func(t *testing.T) {
			t.Parallel()
			s := startSim(t, sim.Config{Password: credsPass})
			m := recordingManager(t, s, Options{})
			ch := keptChannel(t, s, 3)
			if ext == "m3u8" {
				ch = hlsChannel(t, s, 3)
			}
			const want = 30 * time.Second
			r, err := m.Record(context.Background(), ch, RecordRequest{Dir: t.TempDir(), Until: time.Now().Add(want)})
			if err != nil {
				t.Fatal(err)
			}
			waitDone(t, r, want+10*time.Second)
			if in := r.Info(); in.State != record.Done {
				t.Fatalf("info %+v, want done", in)
			}
			got := probeDuration(t, ffprobe, r.Path())
			if d := got - want; d < -2*time.Second || d > 2*time.Second {
				t.Errorf("ffprobe reads %s, want %s within 2 s", got, want)
			}
			if s.Peak() != 1 {
				t.Errorf("simulator peak = %d, want 1", s.Peak())
			}
			t.Logf("%s: recorded %s, ffprobe %s, %d bytes", ext, want, got.Round(10*time.Millisecond), r.Info().Bytes)
		})
	}
}
