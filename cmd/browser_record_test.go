package cmd

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
)

func TestBrowserRecorderWatchesTheRecordingOnItsConnection(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := sim.New(sim.Config{MaxConnections: 1})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	store, err := lease.Open(filepath.Join(t.TempDir(), "state"))
	if err != nil {
		t.Fatal(err)
	}
	mgr, err := session.New(session.Options{Player: "mpv --no-config --vo=null --ao=null", Store: store})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mgr.Close(context.Background()) })
	ctx := context.Background()
	b := browserRecorder{ctx: ctx, mgr: mgr, dir: t.TempDir()}
	news := playlist.Channel{Name: "News", URL: s.StreamURL(3, "ts"), Source: "sim"}
	if _, err := b.Record(ctx, news, time.Now().Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if err := b.Watch(ctx, playlist.Channel{Name: "Sport", Source: "sim"}); err == nil {
		t.Error("Watch of a channel that is not recorded: no error")
	}
	if err := b.Watch(ctx, news); err != nil {
		t.Fatal(err)
	}
	if !mgr.Watching() || b.Count() != 1 {
		t.Errorf("watching %v, %d recordings; want the recording watched", mgr.Watching(), b.Count())
	}
	if err := mgr.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, on := b.Recording(news); !on || s.Peak() != 1 {
		t.Errorf("after the watching stopped: recording %v, peak %d; want it on, on one connection", on, s.Peak())
	}
}
