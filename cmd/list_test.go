package cmd

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// countingSource counts without building channels; its Load fails the test.
type countingSource struct {
	t *testing.T
	n int
}

func (s countingSource) Name() string { return "counting" }
func (s countingSource) CountKinds(context.Context) (m3u.Counts, error) {
	return m3u.Counts{Live: s.n, Movies: 7}, nil
}
func (s countingSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	s.t.Error("a source that can count was loaded")
	return nil, errors.New("loaded")
}

type loadingSource struct{ n int }

func (s loadingSource) Name() string { return "loading" }
func (s loadingSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	return &playlist.Playlist{Channels: playlist.List(make([]playlist.Channel, s.n))}, nil
}

func TestCountAsksSourcesThatCanCount(t *testing.T) {
	srcs := []playlist.Source{countingSource{t, 300000}, loadingSource{3}}
	n, err := countChannels(context.Background(), slog.New(slog.DiscardHandler), srcs, kindLive)
	if err != nil || n != 300003 {
		t.Fatalf("count %d, %v; want 300003", n, err)
	}
}

func TestCountFailureKeepsTheLoadExitCode(t *testing.T) {
	bad := failingSource{&playlist.Error{Source: "x", Problem: playlist.Refused}}
	_, err := countChannels(context.Background(), slog.New(slog.DiscardHandler), []playlist.Source{loadingSource{1}, bad}, kindLive)
	if exitCode(err) != ExitCredentials {
		t.Fatalf("error %v, want exit code %d", err, ExitCredentials)
	}
}

type failingSource struct{ err error }

func (s failingSource) Name() string { return "failing" }
func (s failingSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	return nil, s.err
}
