package tui

import (
	"context"
	"github.com/tuner-iptv/tuner/internal/clocktest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/session/lease"
)

// The whole path with a real Manager, mpv and the simulator: another device
// holds the only slot, enter shows the occupied-slot screen, the message for
// the provider names the user and not the password, and wait-and-retry
// plays once the device lets go.
func TestOccupiedSlotEndToEnd(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := sim.New(sim.Config{MaxConnections: 1, OverLimit: sim.Reject401, Password: "pa55-secret"})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	store, err := lease.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mgr, err := session.New(session.Options{Player: "mpv --vo=null --ao=null", Store: store})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mgr.Close(context.Background()) })
	src := source.NewXtream(s.URL(), s.Username(), s.Password(), source.Options{}).(*source.Xtream)
	stateDir := t.TempDir()
	doc := doctor.New(doctor.Options{Store: store, Accounts: map[string]doctor.AccountInfo{src.Name(): doctor.Xtream(src.Client())},
		MessageDir: stateDir, Clock: clocktest.New(time.Now())})
	ch := playlist.Channel{Name: "Sim One", Group: "Sim", Source: src.Name(), URL: s.StreamURL(1, "ts")}
	pl := &playlist.Playlist{Source: src.Name(), Channels: playlist.List([]playlist.Channel{ch}), Groups: playlist.BuildGroups(playlist.List([]playlist.Channel{ch}))}

	free := s.Occupy(1)
	d := start(t, Options{Cached: []*playlist.Playlist{pl}, Controller: mgr, Doctor: doc, Getenv: env(nil)}, 80, 24)
	d.untilScreen("1 channels")
	d.keys("enter")
	d.untilScreen("Connection slot in use: Sim One")
	d.keys("c")
	d.untilScreen("Saved to ")
	msg, err := os.ReadFile(stateDir + "/contact-provider.txt")
	if err != nil || !strings.Contains(string(msg), s.Username()) || strings.Contains(string(msg), s.Password()) {
		t.Fatalf("saved message (%v) must name the user and never the password:\n%s", err, msg)
	}
	d.keys("esc")
	before := len(s.APIRequests())
	free()
	d.keys("w")
	d.untilScreen("▶ Sim One")
	if n := len(s.APIRequests()) - before; n < 1 || n > 2 {
		t.Fatalf("%d account requests while waiting, want 1 or 2", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.WaitActive(ctx, 1); err != nil {
		t.Fatal(err)
	}
}
