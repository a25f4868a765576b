package sim

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// A movie's file is the live stream's bytes cut to length: any offset reads
// what the endless stream holds there, so timestamps run on across loops
// and a byte position is a moment of the film.
func TestFileBytesAreTheLoopedStream(t *testing.T) {
	c, err := loadClip()
	if err != nil {
		t.Fatal(err)
	}
	stream := make([]byte, 3*c.Size())
	newPacer(c).fill(stream)
	for _, off := range []int{0, 1, 187, 188, c.Size() - 5, c.Size() + 1000, 2*c.Size() + 3} {
		got := make([]byte, min(5000, len(stream)-off))
		c.fileBytes(got, int64(off))
		if !bytes.Equal(got, stream[off:off+len(got)]) {
			t.Fatalf("bytes from offset %d differ from the stream's", off)
		}
	}
}

// TestMPVSeeksInAMovie plays a movie with a real player from its middle:
// mpv reads the start, seeks with a ranged request and plays from there,
// and every connection is given back when it quits. mpv opens each seek's
// request before it closes the last, so the account has slots to spare
// here; on one slot the seeks are refused, which is why tuner's gate must
// close the old upstream request before it opens the new one.
func TestMPVSeeksInAMovie(t *testing.T) {
	mpv := testutil.RequireTool(t, "mpv")
	s := New(Config{VODLength: 40 * time.Second, MaxConnections: 16})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	m, _ := s.Movie(0)
	cmd := exec.CommandContext(ctx, mpv, "--no-config", "--vo=null", "--ao=null", "--msg-level=all=error",
		"--start=20", "--length=2", s.MovieURL(m.ID, m.Container))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("mpv: %v\n%s\nconnections %+v\nrejections %+v", err, stderr.String(), s.Connections(), s.Rejections())
	}
	if err := s.WaitActive(ctx, 0); err != nil {
		t.Fatalf("slot still held after mpv quit: %+v", s.Connections())
	}
	seeked := false
	for _, c := range s.Connections() {
		seeked = seeked || (strings.HasPrefix(c.Range, "bytes=") && !strings.HasPrefix(c.Range, "bytes=0-") && c.Bytes > 0)
	}
	if !seeked || len(s.Rejections()) != 0 {
		t.Fatalf("connections %+v, rejections %+v", s.Connections(), s.Rejections())
	}
	t.Logf("mpv held %d connections at once", s.Peak())
}
