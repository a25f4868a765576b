package player

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// mpv that could not open its sound device once ends every later file at
// once: after a stop, the next Play starts a fresh mpv, whose first file
// plays.
func TestMPVWithABrokenOutputIsStartedAfresh(t *testing.T) {
	dir := fakeBin(t, "mpv")
	t.Setenv(noSoundEnv, "1")
	srv := httptest.NewServer(&liveServer{})
	defer srv.Close()
	p, err := New(filepath.Join(dir, "mpv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	if err := p.Play(ctx, srv.URL+"/a.ts", "A"); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 1)
	first := p.Process()
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.Play(ctx, srv.URL+"/b.ts", "B"); err != nil {
		t.Fatal(err)
	}
	for {
		e := <-p.Events()
		if e.Gen != 2 {
			continue
		}
		if e.Kind != Started {
			t.Fatalf("the second play: %v %v", e.Kind, e.Err)
		}
		break
	}
	if p.Process() == first {
		t.Error("the mpv whose sound device failed was reused")
	}
}
