package session

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

// positionLog is a Positions that remembers every call.
type positionLog struct {
	mu   sync.Mutex
	kept map[string][2]time.Duration // by channel name: pos, length
	sets int
}

func (p *positionLog) SetPosition(ch playlist.Channel, pos, length time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.kept == nil {
		p.kept = map[string][2]time.Duration{}
	}
	p.kept[ch.Name] = [2]time.Duration{pos, length}
	p.sets++
	return nil
}

func (p *positionLog) Position(ch playlist.Channel) (time.Duration, time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v := p.kept[ch.Name]
	return v[0], v[1], v[1] > 0 && v[0]*10 >= v[1]*9
}

func (p *positionLog) of(name string) (pos, length time.Duration, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.kept[name]
	return v[0], v[1], ok
}

func (p *positionLog) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sets
}

// vodRig is a Manager on a one-slot simulator with movies, playing through
// the gate into a filePlayer, keeping positions in a positionLog.
type vodRig struct {
	s   *sim.Server
	m   *Manager
	p   *filePlayer
	pos *positionLog
}

func newVODRig(t *testing.T) *vodRig {
	t.Helper()
	s := startSim(t, sim.Config{MaxConnections: 1, Movies: 4, Series: 1, VODLength: 10 * time.Minute})
	pos := &positionLog{}
	m := newManager(t, Options{Player: fakePlayer(t), Positions: pos, StatsEvery: 10 * time.Millisecond})
	p := newFilePlayer()
	m.player = p
	return &vodRig{s: s, m: m, p: p, pos: pos}
}

func simMovie(t *testing.T, s *sim.Server, i int) playlist.Channel {
	t.Helper()
	mv, ok := s.Movie(i)
	if !ok {
		t.Fatalf("the simulator has no movie %d", i)
	}
	title := mv.Name + " (" + strconv.Itoa(mv.Year) + ")"
	return playlist.Channel{Name: mv.Name, URL: s.MovieURL(mv.ID, "ts"), Source: "sim",
		Extra: &playlist.Extra{Kind: playlist.KindMovie, StreamID: strconv.Itoa(mv.ID),
			Item: &playlist.Item{Title: title, Year: uint16(mv.Year)}}}
}

// play plays ch and has the player stand at pos of length.
func (r *vodRig) play(t *testing.T, ch playlist.Channel, pos, length time.Duration) {
	t.Helper()
	if err := r.m.Play(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	r.p.at(pos, length)
}

func (r *vodRig) wantKept(t *testing.T, ch playlist.Channel, pos, length time.Duration) {
	t.Helper()
	got, gotLen, ok := r.pos.of(ch.Name)
	if !ok || got != pos || gotLen != length {
		t.Fatalf("kept %s of %s (recorded %v), want %s of %s", got, gotLen, ok, pos, length)
	}
}

func TestPositionKeptOnStop(t *testing.T) {
	r := newVODRig(t)
	film := simMovie(t, r.s, 0)
	r.play(t, film, 62*time.Minute+13*time.Second, 2*time.Hour)
	if err := r.m.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.wantKept(t, film, 62*time.Minute+13*time.Second, 2*time.Hour)
	simWait(t, r.s, 0)
}

func TestPositionKeptOnZap(t *testing.T) {
	r := newVODRig(t)
	film, next := simMovie(t, r.s, 0), simMovie(t, r.s, 1)
	r.play(t, film, 5*time.Minute, time.Hour)
	// To another film, then to live TV: each one left is kept, live is not.
	r.play(t, next, 7*time.Minute, time.Hour)
	r.wantKept(t, film, 5*time.Minute, time.Hour)
	r.play(t, simChannel(r.s, 1, "ts"), 0, 0)
	r.wantKept(t, next, 7*time.Minute, time.Hour)
	if err := r.m.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := r.pos.count(); n != 2 {
		t.Errorf("%d positions kept, want the two films' only", n)
	}
	if p := r.s.Peak(); p != 1 {
		t.Errorf("peak connections %d, want 1", p)
	}
}

func TestPositionKeptOnClose(t *testing.T) {
	r := newVODRig(t)
	film := simMovie(t, r.s, 2)
	r.play(t, film, 90*time.Second, time.Hour)
	if err := r.m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.wantKept(t, film, 90*time.Second, time.Hour)
}

func TestPositionKeptOnSIGHUP(t *testing.T) {
	r := newVODRig(t)
	film := simMovie(t, r.s, 1)
	r.play(t, film, 42*time.Second, time.Hour)
	quit := make(chan os.Signal, 1)
	stop := OnSignals(r.m, 5*time.Second, func(sig os.Signal) { quit <- sig })
	defer stop()
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	select {
	case <-quit:
	case <-time.After(10 * time.Second):
		t.Fatal("SIGHUP did not close the manager")
	}
	r.wantKept(t, film, 42*time.Second, time.Hour)
	simWait(t, r.s, 0)
}

// TestPositionKeptWhenThePlayerCloses: the player quits by itself and says
// nothing more; the last position it reported with the stats is kept.
func TestPositionKeptWhenThePlayerCloses(t *testing.T) {
	r := newVODRig(t)
	film := simMovie(t, r.s, 3)
	r.play(t, film, 20*time.Minute, time.Hour)
	e := waitFor(t, r.m, "stats with the position", func(e Event) bool { return e.Stats.Position > 0 })
	if e.Stats.Position != 20*time.Minute || e.Stats.Length != time.Hour {
		t.Errorf("stats say %s of %s", e.Stats.Position, e.Stats.Length)
	}
	r.p.at(0, 0) // a player that is gone reports nothing
	r.p.exit()
	waitFor(t, r.m, "the playback to stop", func(e Event) bool { return e.State == Stopped || e.State == Failed })
	r.wantKept(t, film, 20*time.Minute, time.Hour)
	simWait(t, r.s, 0)
}

func TestLiveStatsHaveNoPosition(t *testing.T) {
	r := newVODRig(t)
	r.play(t, simChannel(r.s, 1, "ts"), time.Minute, time.Hour)
	for range 3 {
		e := waitFor(t, r.m, "stats", func(e Event) bool { return e.State == Playing && e.Channel.URL != "" })
		if e.Stats.Position != 0 || e.Stats.Length != 0 {
			t.Fatalf("live TV with a position: %+v", e.Stats)
		}
	}
	r.m.Stop(context.Background())
	if n := r.pos.count(); n != 0 {
		t.Errorf("%d positions kept for live TV", n)
	}
}

func TestPlayAtAndSeek(t *testing.T) {
	r := newVODRig(t)
	ctx := context.Background()
	film := simMovie(t, r.s, 0)
	if err := r.m.Seek(ctx, time.Second); err == nil {
		t.Error("Seek with nothing playing succeeded")
	}
	if err := r.m.PlayAt(ctx, film, 62*time.Minute); err != nil {
		t.Fatal(err)
	}
	if r.p.startAt != 62*time.Minute {
		t.Errorf("the player was told to start at %s", r.p.startAt)
	}
	if err := r.m.Seek(ctx, -10*time.Second); err != nil {
		t.Fatal(err)
	}
	if got := r.p.Status().Position; got != 62*time.Minute-10*time.Second {
		t.Errorf("after the seek the player stands at %s", got)
	}
	live := simChannel(r.s, 1, "ts")
	if err := r.m.PlayAt(ctx, live, time.Minute); err == nil || !strings.Contains(err.Error(), "live") {
		t.Errorf("PlayAt on live TV: %v", err)
	}
	if got := r.m.Slots().Channel; got != film.Name {
		t.Errorf("a refused PlayAt stopped the film: now %q", got)
	}
	if err := r.m.Play(ctx, live); err != nil {
		t.Fatal(err)
	}
	if err := r.m.Seek(ctx, time.Second); err == nil {
		t.Error("Seek in live TV succeeded")
	}
}

// TestPlayAtNeedsASeekingPlayer: a player without IPC cannot resume, and
// says so before anything stops.
func TestPlayAtNeedsASeekingPlayer(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1, Movies: 2, VODLength: time.Minute})
	m := newManager(t, Options{Player: fakePlayer(t)})
	err := m.PlayAt(context.Background(), simMovie(t, s, 0), time.Minute)
	if err == nil || !strings.Contains(err.Error(), "mpv") {
		t.Fatalf("PlayAt with a player that cannot seek: %v", err)
	}
	if s.Peak() != 0 {
		t.Error("the refused PlayAt opened the stream")
	}
}

func TestLeaseNamesTheFilm(t *testing.T) {
	r := newVODRig(t)
	film := simMovie(t, r.s, 0)
	r.play(t, film, time.Second, time.Hour)
	act, err := r.m.Store().Active()
	if err != nil || len(act) != 1 {
		t.Fatalf("active leases %v, %v", act, err)
	}
	l := act[0]
	if l.Kind != "movie" || l.Title != film.ItemInfo().Title || l.What() != "movie "+film.ItemInfo().Title {
		t.Errorf("lease kind %q title %q what %q", l.Kind, l.Title, l.What())
	}
	ep := playlist.EpisodeChannel(playlist.Channel{Name: "Show", Source: "sim",
		Extra: &playlist.Extra{Kind: playlist.KindSeries, StreamID: "1"}},
		playlist.Episode{ID: "9", Season: 2, Number: 3, Title: "The Return", URL: r.s.EpisodeURL(9, "ts")})
	if kind, title := leaseNames(ep); kind != "episode" || title != "Show S02E03 The Return" {
		t.Errorf("an episode's lease names %q %q", kind, title)
	}
	if kind, title := leaseNames(simChannel(r.s, 1, "ts")); kind != "" || title != "" {
		t.Errorf("a channel's lease names %q %q", kind, title)
	}
	testutil.Eventually(t, "stats", func() bool { return r.m.Slots().Held == 1 })
}

func TestRecoveryNamesTheFilm(t *testing.T) {
	r := Recovery{Recovered: []lease.Lease{{Provider: "p.example", Username: "alice", Channel: "Film",
		Kind: "movie", Title: "Film (2020)", StartedAt: time.Now()}}}
	msgs := r.Messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0], "(movie Film (2020) on alice@p.example") {
		t.Errorf("recovery says %q", msgs)
	}
}

// TestACutFilmResumesWhereItWas: the provider cuts a film mid-way; the
// reconnect starts it where the player stood, not from the beginning.
func TestACutFilmResumesWhereItWas(t *testing.T) {
	r := newVODRig(t)
	r.m.opts.ReconnectWait = 20 * time.Millisecond
	film := simMovie(t, r.s, 0)
	r.play(t, film, 3*time.Minute, time.Hour)
	simWait(t, r.s, 1)
	waitFor(t, r.m, "the position in the stats", func(e Event) bool { return e.Stats.Position == 3*time.Minute })
	kickOurs(t, r.s)
	waitFor(t, r.m, "the reconnect", func(e Event) bool { return e.State == Starting && e.Err != nil })
	waitFor(t, r.m, "playing again", func(e Event) bool { return e.State == Playing && e.Message != "" })
	r.p.mu.Lock()
	at := r.p.startAt
	r.p.mu.Unlock()
	if at != 3*time.Minute {
		t.Errorf("the reconnect started the film at %s, want 3m0s", at)
	}
	if p := r.s.Peak(); p != 1 {
		t.Errorf("peak connections %d", p)
	}
}
