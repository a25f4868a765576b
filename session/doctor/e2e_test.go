package doctor

import (
	"context"
	"errors"
	"github.com/tuner-iptv/tuner/internal/clocktest"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// A real Manager and mpv against the simulator: the slot is taken by
// another device, the refusal is diagnosed as such (the lease of the
// refused attempt itself does not count as tuner's own earlier session),
// and waiting plays once the device lets go, with only account requests in
// between.
func TestRefusedThenWaitThenPlayWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	for _, ext := range []string{"ts", "m3u8"} {
		t.Run(ext, func(t *testing.T) { refusedThenWait(t, ext) })
	}
}

func refusedThenWait(t *testing.T, ext string) {
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	store := openStore(t)
	mgr, err := session.New(session.Options{Player: "mpv --vo=null --ao=null", Store: store})
	if err != nil {
		t.Fatal(err)
	}
	defer mgr.Close(context.Background())
	src := source.NewXtream(s.URL(), s.Username(), s.Password(), source.Options{}).(*source.Xtream)
	ch := playlist.Channel{Name: "Channel 1", Source: src.Name(), URL: s.StreamURL(1, ext)}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	free := s.Occupy(1)
	var refused *session.RefusedError
	if err := mgr.Play(ctx, ch); !errors.As(err, &refused) {
		t.Fatalf("Play = %v, want a refusal", err)
	}
	clk := clocktest.New(time.Now())
	doc := New(Options{Store: store, Accounts: map[string]AccountInfo{src.Name(): Xtream(src.Client())}, Clock: clk})
	rep := doc.Diagnose(ctx, ch, refused.Refusal)
	if rep.Kind != diagnose.SlotOther {
		t.Fatalf("kind %v, want %v: %s (own leases %+v)", rep.Kind, diagnose.SlotOther, rep.Summary, rep.Facts.Own)
	}
	before := len(s.Connections())
	checks := 0
	ok, err := doc.WaitForSlot(ctx, ch, func(_, _ time.Duration) {
		if checks++; checks == 3 {
			free()
		}
	})
	if !ok || err != nil {
		t.Fatalf("wait = %v, %v", ok, err)
	}
	if n := len(s.Connections()); n != before {
		t.Fatalf("waiting opened %d stream connections", n-before)
	}
	if err := mgr.Play(ctx, ch); err != nil {
		t.Fatalf("Play after the wait: %v", err)
	}
	if err := s.WaitActive(ctx, 1); err != nil {
		t.Fatal(err)
	}
}
