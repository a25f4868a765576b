package cache

import (
	"context"
	"errors"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

type fakeSource struct {
	p   *playlist.Playlist
	err error
}

func (f *fakeSource) Name() string     { return "fake" }
func (f *fakeSource) CacheKey() string { return "fake-key" }
func (f *fakeSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	return f.p, f.err
}

func TestSourceSavesEachGoodLoadAndReportsFailures(t *testing.T) {
	l := &Loader{Cache: New(t.TempDir())}
	src := &fakeSource{p: &playlist.Playlist{Source: "fake", Channels: playlist.List([]playlist.Channel{{Name: "One", URL: "http://h/1"}})}}
	wrapped := l.Source(src)
	if wrapped.Name() != "fake" {
		t.Errorf("name %q", wrapped.Name())
	}
	if _, err := wrapped.Load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, ok := l.Cached(wrapped)
	if !ok || got.Playlist.Channels.Len() != 1 || got.Playlist.Channels.At(0).Name != "One" {
		t.Fatalf("cached copy after a good load: %+v %v", got, ok)
	}
	src.err, src.p = errors.New("boom"), nil
	if _, err := wrapped.Load(context.Background(), nil); err == nil {
		t.Fatal("a failed refresh must report its error")
	}
	if got, ok := l.Cached(wrapped); !ok || got.Playlist.Channels.Len() != 1 {
		t.Error("a failed refresh must keep the cached copy")
	}
}
