package session

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
)

// TestMovieSeeksWithMPV plays a movie in real mpv through the gate, seeks
// ten times over its IPC, and resumes it where it stopped: the one-slot
// panel never sees two connections and refuses nothing.
func TestMovieSeeksWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, Movies: 2, VODLength: 10 * time.Minute})
	pos := &positionLog{}
	m := newManager(t, Options{Player: "mpv --no-config --vo=null --ao=null", Positions: pos, StatsEvery: 100 * time.Millisecond})
	ctx := context.Background()
	film := simMovie(t, s, 0)
	if err := m.Play(ctx, film); err != nil {
		t.Fatal(err)
	}
	at := waitPosition(t, m, func(p time.Duration) bool { return p > 0 }).Stats.Position
	const seeks = 10
	start := time.Now()
	for i := range seeks {
		by := 45 * time.Second
		if i%3 == 2 {
			by = -30 * time.Second
		}
		if err := m.Seek(ctx, by); err != nil {
			t.Fatalf("seek %d: %v", i+1, err)
		}
		// The next seek once mpv stands where this one led.
		want := at + by
		at = waitPosition(t, m, func(p time.Duration) bool { return p >= want-2*time.Second && p <= want+5*time.Second }).Stats.Position
	}
	t.Logf("%d seeks in %s: peak %d connection(s), %d refused, %d requests to the panel",
		seeks, time.Since(start).Round(time.Millisecond), s.Peak(), len(s.Rejections()), len(s.Connections()))
	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	kept, length, ok := pos.of(film.Name)
	if !ok || kept < 200*time.Second || length < 9*time.Minute {
		t.Fatalf("kept %s of %s (%v) after the seeks", kept, length, ok)
	}
	// Resume: mpv starts where the film stopped.
	if err := m.PlayAt(ctx, film, kept); err != nil {
		t.Fatal(err)
	}
	e := waitPosition(t, m, func(p time.Duration) bool { return p > 0 })
	if d := e.Stats.Position - kept; d < -5*time.Second || d > 5*time.Second {
		t.Errorf("resumed at %s, kept %s", e.Stats.Position, kept)
	}
	// SIGHUP (an SSH link that drops) with the film playing on: the slot
	// is free at once, and where it stood is kept.
	waitPosition(t, m, func(p time.Duration) bool { return p > kept+time.Second })
	simWait(t, s, 1)
	done := make(chan struct{})
	stop := OnSignals(m, 5*time.Second, func(os.Signal) { close(done) })
	defer stop()
	hup := time.Now()
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	simWait(t, s, 0)
	freed := time.Since(hup)
	<-done
	t.Logf("SIGHUP with a movie playing: 0 connections after %s", freed.Round(time.Millisecond))
	if again, _, _ := pos.of(film.Name); again < kept {
		t.Errorf("after SIGHUP the kept position is %s, before %s", again, kept)
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("the panel saw %d connections at once, want 1", p)
	}
	// A panel slow to count a close may refuse the next range once; the
	// gate asks again and the player never sees it. What must not happen
	// is a refusal the gate gave up on, which ends the film.
	refusedOnce(t, s)
}

// refusedOnce fails when the panel refused more requests than the gate's
// quiet retries cover: each refusal must be followed by an answered one.
func refusedOnce(t *testing.T, s *sim.Server) {
	t.Helper()
	if rej := s.Rejections(); len(rej) > 0 {
		t.Logf("the panel refused %d requests, each asked again", len(rej))
		last := rej[len(rej)-1].Time
		served := false
		for _, c := range s.Connections() {
			served = served || !c.Open.Before(last)
		}
		if !served {
			t.Errorf("the panel's last refusal (%+v) was not followed by a stream", rej[len(rej)-1])
		}
	}
}

// waitPosition waits for a Playing event whose position satisfies ok.
func waitPosition(t *testing.T, m *Manager, ok func(time.Duration) bool) Event {
	t.Helper()
	return waitFor(t, m, "the position", func(e Event) bool { return e.State == Playing && e.Stats.Length > 0 && ok(e.Stats.Position) })
}

// TestLiveMovieEpisodeWithMPV goes live -> movie -> episode -> live ten
// times in real mpv on a one-slot panel: never two connections, no
// refusal; then quitting with a movie playing frees the slot at once.
func TestLiveMovieEpisodeWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, Movies: 3, Series: 2, VODLength: 10 * time.Minute})
	m := newManager(t, Options{Player: "mpv --no-config --vo=null --ao=null", Positions: &positionLog{}})
	ctx := context.Background()
	show, ok := s.Show(1)
	if !ok {
		t.Fatal("the simulator has no show 1")
	}
	ep, _ := s.Episode(show.ID, 1, 1)
	episode := playlist.EpisodeChannel(playlist.Channel{Name: show.Name, Source: "sim",
		Extra: &playlist.Extra{Kind: playlist.KindSeries, StreamID: strconv.Itoa(show.ID)}},
		playlist.Episode{ID: strconv.Itoa(ep.ID), Season: int16(ep.Season), Number: int16(ep.Number), URL: s.EpisodeURL(ep.ID, "ts")})
	start := time.Now()
	const rounds = 10
	for i := range rounds {
		for _, ch := range []playlist.Channel{simChannel(s, 1+i%3, "ts"), simMovie(t, s, i%3), episode} {
			if err := m.Play(ctx, ch); err != nil {
				t.Fatalf("round %d, %s: %v", i+1, ch.Name, err)
			}
		}
	}
	if err := m.Play(ctx, simChannel(s, 4, "ts")); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d plays in %s: peak %d connection(s), %d refused", 3*rounds+1, time.Since(start).Round(time.Millisecond), s.Peak(), len(s.Rejections()))
	if err := m.Play(ctx, simMovie(t, s, 0)); err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	quit := time.Now()
	m.Close(ctx)
	simWait(t, s, 0)
	freed := time.Since(quit)
	t.Logf("quit with a movie playing: 0 connections after %s", freed.Round(time.Millisecond))
	if p := s.Peak(); p != 1 {
		t.Errorf("the panel saw %d connections at once, want 1", p)
	}
	refusedOnce(t, s)
}
