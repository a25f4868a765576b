package player

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// TestMPVPlaysAtAndSeeks: PlayAt starts the file where asked, Seek moves
// from there, the position outlives the file's end, and the next Play
// starts afresh.
func TestMPVPlaysAtAndSeeks(t *testing.T) {
	dir := fakeBin(t, "mpv")
	srv := httptest.NewServer(&liveServer{})
	defer srv.Close()
	p, err := New(filepath.Join(dir, "mpv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	s := p.(Seeker)
	if err := s.Seek(ctx, time.Second); !errors.Is(err, ErrNothingToSeek) {
		t.Fatalf("Seek with nothing loaded: %v", err)
	}
	if err := s.PlayAt(ctx, srv.URL+"/movie.ts", "Film", 62*time.Second); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 1)
	testutil.Eventually(t, "the start position", func() bool { return p.Status().Position == 62*time.Second })
	if got := p.Status().Length; got != time.Hour {
		t.Errorf("length %s, want 1h", got)
	}
	if err := s.Seek(ctx, -30*time.Second); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "the position after the seek", func() bool { return p.Status().Position == 32*time.Second })
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if got := p.Status().Position; got != 32*time.Second {
		t.Errorf("after Stop the position is %s, want the last one, 32s", got)
	}
	if err := p.Play(ctx, srv.URL+"/next.ts", "Next"); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 2)
	if got := p.Status().Position; got != 0 {
		t.Errorf("a plain Play starts at %s, want 0", got)
	}
}
