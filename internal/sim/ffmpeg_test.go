package sim

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// ffmpegErrors decodes a transport stream with ffmpeg and returns what it
// complained about.
func ffmpegErrors(t *testing.T, ts []byte) string {
	t.Helper()
	ffmpeg := testutil.RequireTool(t, "ffmpeg")
	cmd := exec.CommandContext(t.Context(), ffmpeg, "-hide_banner", "-nostdin", "-v", "warning",
		"-f", "mpegts", "-i", "pipe:0", "-f", "null", "-")
	cmd.Stdin = bytes.NewReader(ts)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, stderr.String())
	}
	return strings.TrimSpace(stderr.String())
}

func TestFFmpegPlaysThroughTheLoopPoint(t *testing.T) {
	c, err := loadClip()
	if err != nil {
		t.Fatal(err)
	}
	p := newPacer(c)
	buf := make([]byte, 3*c.Size())
	p.fill(buf)
	if msg := ffmpegErrors(t, buf); msg != "" {
		t.Fatalf("three loops back to back:\n%s", msg)
	}
}

func TestFFmpegPlaysConsecutiveHLSSegments(t *testing.T) {
	s := New(Config{})
	var all []byte
	for n := int64(2); n < 11; n++ { // crosses two loop points
		all = append(all, s.segmentBytes(n)...)
	}
	if msg := ffmpegErrors(t, all); msg != "" {
		t.Fatalf("segments 2 to 10 back to back:\n%s", msg)
	}
}
