package session

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

const headless = "mpv --vo=null --ao=null"

// overlaps reports two stream connections that counted at the same time.
func overlaps(conns []sim.Conn) (sim.Conn, sim.Conn, bool) {
	sort.Slice(conns, func(i, j int) bool { return conns[i].Open.Before(conns[j].Open) })
	for i := 1; i < len(conns); i++ {
		prev := conns[i-1]
		if prev.Close.IsZero() || conns[i].Open.Before(prev.Close) {
			return prev, conns[i], true
		}
	}
	return sim.Conn{}, sim.Conn{}, false
}

func TestEndToEndWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	m := newManager(t, Options{Player: headless})
	ctx := context.Background()

	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	if n := s.Active(); n != 1 {
		t.Fatalf("simulator shows %d connections after play, want 1", n)
	}
	if g := m.GateURL(); !strings.HasPrefix(g, "http://127.0.0.1:") || strings.Contains(g, s.Password()) {
		t.Errorf("gate URL while playing = %q, want a loopback URL without the password", g)
	}

	for i := range 20 {
		if err := m.Play(ctx, simChannel(s, 2+i%5, "ts")); err != nil {
			t.Fatalf("zap %d: %v", i+1, err)
		}
	}
	simWait(t, s, 1)
	if rej := s.Rejections(); len(rej) != 0 {
		t.Errorf("the simulator refused tuner %d times while zapping: %+v", len(rej), rej[0])
	}
	if a, b, ok := overlaps(s.Connections()); ok {
		t.Errorf("two connections at once: #%d %v-%v and #%d from %v", a.ID, a.Open, a.Close, b.ID, b.Open)
	}

	proc := m.player.Process()
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
	if g := m.GateURL(); g != "" {
		t.Errorf("gate URL after Close = %q, want none", g)
	}
	if proc.Alive() {
		t.Error("mpv still runs after Close")
	}
	act, _ := m.Store().Active()
	rec, _ := m.Store().Recent()
	if len(act) != 0 || len(rec) != 21 || rec[0].How != lease.Clean {
		t.Errorf("leases after Close: %d active, %d recent, newest %+v", len(act), len(rec), rec[0])
	}
}

func TestRefusalsFromTheSimulatorWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	tests := []struct {
		name   string
		setup  func(*sim.Server)
		direct bool
		status int
	}{
		{"slot taken by another device", func(s *sim.Server) { s.Occupy(1) }, false, http.StatusUnauthorized},
		{"wrong password", func(s *sim.Server) { s.SetPassword("changed") }, false, http.StatusUnauthorized},
		{"account banned", func(s *sim.Server) { s.SetStatus(sim.Banned) }, false, http.StatusForbidden},
		{"provider fault", func(s *sim.Server) { s.SetFaults(sim.Faults{Status5xx: 503}) }, false, http.StatusServiceUnavailable},
		{"direct mode confirms with one GET", func(s *sim.Server) { s.Occupy(1) }, true, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1})
			ch := simChannel(s, 1, "ts") // with the credentials before the change
			tt.setup(s)
			m := newManager(t, Options{Player: headless, Direct: tt.direct})
			err := m.Play(context.Background(), ch)
			var re *RefusedError
			if !errors.As(err, &re) || re.Refusal.Status != tt.status {
				t.Fatalf("Play = %v, want a %d refusal", err, tt.status)
			}
			if act, _ := m.Store().Active(); len(act) != 0 {
				t.Errorf("a lease is still held after the refusal: %+v", act)
			}
		})
	}
}

func TestHLSThroughTheGateWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, HLSGrace: 3 * time.Second})
	m := newManager(t, Options{Player: headless})
	if err := m.Play(context.Background(), simChannel(s, 4, "m3u8")); err != nil {
		t.Fatal(err)
	}
	// Video decoded from segments that came through the rewritten playlists.
	testutil.Eventually(t, "mpv to show the video", func() bool { return m.player.Status().Width > 0 })
	conns := s.Connections()
	if len(conns) != 1 || conns[0].Kind != sim.KindHLS || conns[0].Bytes == 0 {
		t.Fatalf("simulator connections: %+v", conns)
	}
	act, _ := m.Store().Active()
	if len(act) != 1 || !act[0].HLS {
		t.Errorf("lease does not say HLS: %+v", act)
	}
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0) // after the panel's grace period
	if rec, _ := m.Store().Recent(); len(rec) != 1 || !rec[0].HLS {
		t.Errorf("released lease does not say HLS: %+v", rec)
	}
}

func TestDirectModeWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: headless, Direct: true})
	if err := m.Play(context.Background(), simChannel(s, 5, "ts")); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	act, _ := m.Store().Active()
	if len(act) != 1 || act[0].Gate != "" || act[0].Player.IsZero() {
		t.Errorf("direct-mode lease: %+v", act)
	}
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 0)
}

func TestChannelHeadersReachTheProviderWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	for _, direct := range []bool{false, true} {
		t.Run(map[bool]string{false: "through the gate", true: "direct"}[direct], func(t *testing.T) {
			s := startSim(t, sim.Config{})
			got := make(chan http.Header, 8)
			proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case got <- r.Header.Clone():
				default:
				}
				http.Redirect(w, r, s.StreamURL(1, "ts"), http.StatusFound)
			}))
			defer proxy.Close()
			ch := playlist.Channel{Name: "With headers", URL: proxy.URL + "/stream.ts", Extra: &playlist.Extra{Headers: []playlist.Header{
				{Name: "User-Agent", Value: "ChannelAgent/1.0"}, {Name: "Referer", Value: "http://ref.example/"}, {Name: "X-Token", Value: "abc"},
			}}}
			m := newManager(t, Options{Player: headless, Direct: direct, UserAgent: "SourceAgent"})
			if err := m.Play(context.Background(), ch); err != nil {
				t.Fatal(err)
			}
			h := <-got
			if h.Get("User-Agent") != "ChannelAgent/1.0" || h.Get("Referer") != "http://ref.example/" || h.Get("X-Token") != "abc" {
				t.Errorf("provider saw headers %v", h)
			}
		})
	}
}

func TestZapIntoARefusalLeavesNothingPlaying(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1})
	m := newManager(t, Options{Player: headless})
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	next := simChannel(s, 2, "ts")
	s.SetPassword("changed")
	var re *RefusedError
	if err := m.Play(ctx, next); !errors.As(err, &re) || re.Refusal.Status != http.StatusUnauthorized {
		t.Fatalf("zap = %v, want a 401 refusal", err)
	}
	simWait(t, s, 0)
	testutil.Eventually(t, "mpv to go idle", func() bool { return m.player.Status().Idle })
	if st := m.Slots(); st.Held != 0 {
		t.Errorf("Slots after the refusal: %+v", st)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("leases held: %+v", act)
	}
}
