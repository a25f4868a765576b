package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

func simCatalogues(t *testing.T, s *sim.Server, dir string) (*Catalogues, *Xtream) {
	t.Helper()
	x := NewXtream(s.URL(), "alice", simPass, Options{}).(*Xtream)
	file, err := Parse(filepath.Join("testdata", "small.m3u"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var c *cache.Cache
	if dir != "" {
		c = cache.New(dir)
	}
	return NewCatalogues([]playlist.Source{file, x}, CatalogueOptions{Cache: c}), x
}

func oneCatalogue(t *testing.T, c *Catalogues, kind playlist.Kind) *playlist.Playlist {
	t.Helper()
	ps, err := c.Catalogue(context.Background(), kind, nil)
	if err != nil || len(ps) != 1 {
		t.Fatalf("%v catalogue: %d playlists, %v", kind, len(ps), err)
	}
	return ps[0]
}

func TestCatalogueMoviesPlayFromTheirFiles(t *testing.T) {
	s := startSim(t, sim.Config{Movies: 80})
	c, x := simCatalogues(t, s, "")
	p := oneCatalogue(t, c, playlist.KindMovie)
	if p.Channels.Len() != s.MovieCount() || p.Source != x.Name() || len(p.Groups) == 0 {
		t.Fatalf("%d movies in %d groups from %q; the panel has %d", p.Channels.Len(), len(p.Groups), p.Source, s.MovieCount())
	}
	multi := 0
	for i := range p.Channels.Len() {
		ch := p.Channels.At(i)
		want, _ := s.Movie(i)
		ext := want.Container
		if ext == "" {
			ext = "mp4"
		}
		it := ch.ItemInfo()
		if ch.Name != want.Name || ch.Kind() != playlist.KindMovie || ch.Extra.StreamID != strconv.Itoa(want.ID) ||
			ch.Group == "" || ch.Logo == "" || ch.Source != x.Name() || it == nil || it.Title != want.Name ||
			it.Year != uint16(want.Year) || it.Container != ext {
			t.Fatalf("movie %d is %+v %+v; the panel has %+v", i, ch, it, want)
		}
		if got := x.Credentials().RequestURL(ch.URL); got != s.MovieURL(want.ID, ext) {
			t.Fatalf("movie %d plays %q, the panel serves %q", i, got, s.MovieURL(want.ID, ext))
		}
		if strings.Contains(ch.URL, simPass) || !strings.Contains(ch.URL, "/"+playlist.Placeholder+"/") {
			t.Fatalf("movie %d keeps %q", i, ch.URL)
		}
		if len(ch.Groups()) > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no movie is in two categories, though the panel lists some so")
	}
	counted := 0
	for _, g := range p.Groups {
		counted += g.Count
	}
	if counted != p.Channels.Len()+multi {
		t.Errorf("groups count %d entries, want %d", counted, p.Channels.Len()+multi)
	}
}

func TestCatalogueSeriesOpenIntoPlayableEpisodes(t *testing.T) {
	s := startSim(t, sim.Config{Series: 15})
	c, x := simCatalogues(t, s, "")
	p := oneCatalogue(t, c, playlist.KindSeries)
	if p.Channels.Len() != s.SeriesCount() {
		t.Fatalf("%d shows, the panel has %d", p.Channels.Len(), s.SeriesCount())
	}
	show := *p.Channels.At(5)
	id, _ := strconv.Atoi(show.Extra.StreamID)
	want, ok := s.Show(id)
	if !ok || show.Kind() != playlist.KindSeries || show.URL != "" || show.Name != want.Name || show.Group == "" {
		t.Fatalf("show %+v; the panel has %+v", show, want)
	}
	info, seasons, err := c.Episodes(context.Background(), show)
	if err != nil || info.Name != want.Name || len(seasons) != len(want.Seasons) {
		t.Fatalf("episodes of %q: %+v, %d seasons, %v; want %d seasons", show.Name, info, len(seasons), err, len(want.Seasons))
	}
	for _, season := range seasons {
		if len(season.Episodes) != want.Seasons[season.Number-1] {
			t.Fatalf("season %d has %d episodes, want %d", season.Number, len(season.Episodes), want.Seasons[season.Number-1])
		}
		for _, e := range season.Episodes {
			pe, _ := s.Episode(id, int(e.Season), int(e.Number))
			if got, wantURL := x.Credentials().RequestURL(e.URL), s.EpisodeURL(pe.ID, e.Container); got != wantURL || strings.Contains(e.URL, simPass) {
				t.Fatalf("S%02dE%02d plays %q, the panel serves %q", e.Season, e.Number, got, wantURL)
			}
		}
	}
	if _, _, err := c.Episodes(context.Background(), *p.Channels.At(0)); err != nil {
		t.Fatalf("a second show: %v", err)
	}
	if _, err := c.MovieDetails(context.Background(), show); playlist.ProblemOf(err) != playlist.Invalid {
		t.Errorf("a show's movie details: %v", err)
	}
}

func TestCatalogueMovieDetails(t *testing.T) {
	s := startSim(t, sim.Config{})
	c, x := simCatalogues(t, s, "")
	p := oneCatalogue(t, c, playlist.KindMovie)
	m, err := c.MovieDetails(context.Background(), *p.Channels.At(1))
	if err != nil || m.Plot == "" || m.Name != p.Channels.At(1).Name || m.Source != x.Name() {
		t.Fatalf("details %+v, %v", m, err)
	}
	gone := *p.Channels.At(1)
	gone.Extra = &playlist.Extra{Kind: playlist.KindMovie, StreamID: "999999999"}
	if _, err := c.MovieDetails(context.Background(), gone); playlist.ProblemOf(err) != playlist.NotFound {
		t.Errorf("a title the panel no longer has: %v", err)
	}
	other := *p.Channels.At(1)
	other.Source = "someone@elsewhere"
	if _, err := c.MovieDetails(context.Background(), other); playlist.ProblemOf(err) != playlist.NotFound {
		t.Errorf("a movie of an unknown source: %v", err)
	}
}

func apiActions(s *sim.Server) []string {
	var out []string
	for _, r := range s.APIRequests() {
		out = append(out, r.Action)
	}
	return out
}

func TestCatalogueKeptCopyNeedsNoNetwork(t *testing.T) {
	s := startSim(t, sim.Config{Movies: 40, Series: 9})
	dir := filepath.Join(t.TempDir(), "tuner")
	c, x := simCatalogues(t, s, dir)
	first := oneCatalogue(t, c, playlist.KindMovie)
	shows := oneCatalogue(t, c, playlist.KindSeries)
	before := len(s.APIRequests())
	if again := oneCatalogue(t, c, playlist.KindMovie); again != first {
		t.Error("a second call in the same run built the catalogue again")
	}
	if n := len(s.APIRequests()); n != before {
		t.Errorf("a second call asked the panel: %v", apiActions(s)[before:])
	}

	// The next run reads both catalogues from the cache, the panel gone.
	s.Close()
	next, _ := simCatalogues(t, s, dir)
	for _, want := range []*playlist.Playlist{first, shows} {
		kind := want.Channels.At(0).Kind()
		got := oneCatalogue(t, next, kind)
		if got.Channels.Len() != want.Channels.Len() || len(got.Groups) != len(want.Groups) || got.Source != x.Name() {
			t.Fatalf("cached %v: %d entries in %d groups, want %d in %d", kind, got.Channels.Len(), len(got.Groups), want.Channels.Len(), len(want.Groups))
		}
		for i := range got.Channels.Len() {
			g, w := got.Channels.At(i), want.Channels.At(i)
			if g.Name != w.Name || g.URL != w.URL || g.Group != w.Group || g.Logo != w.Logo || g.Kind() != w.Kind() ||
				g.Extra.StreamID != w.Extra.StreamID || *g.ItemInfo() != *w.ItemInfo() || len(g.Groups()) != len(w.Groups()) {
				t.Fatalf("cached %v %d: %+v %+v, was %+v %+v", kind, i, g, g.ItemInfo(), w, w.ItemInfo())
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.catalogue"))
	if len(files) != 2 {
		t.Fatalf("catalogue files %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || strings.Contains(string(data), simPass) || !strings.Contains(string(data), "alice") {
			t.Errorf("%s (%v) holds the password, or no entry at all", filepath.Base(f), err)
		}
	}
}

func TestCatalogueStaleCopyStaysWhenTheRefreshFails(t *testing.T) {
	s := startSim(t, sim.Config{Movies: 30})
	dir := t.TempDir()
	c, _ := simCatalogues(t, s, dir)
	oneCatalogue(t, c, playlist.KindMovie)
	s.Close()

	x := NewXtream(s.URL(), "alice", simPass, Options{})
	later := func() time.Time { return time.Now().Add(DefaultCatalogueAge + time.Hour) }
	kept := cache.New(dir)
	kept.Now = later
	stale := NewCatalogues([]playlist.Source{x}, CatalogueOptions{Cache: kept, Now: later})
	ps, err := stale.Catalogue(context.Background(), playlist.KindMovie, nil)
	if playlist.ProblemOf(err) != playlist.Unreachable || len(ps) != 1 || ps[0].Channels.Len() != 30 {
		t.Fatalf("a stale copy with the panel gone: %d playlists, %v", len(ps), err)
	}
	if strings.Contains(err.Error(), simPass) {
		t.Errorf("error %q shows the password", err)
	}
}

func TestCatalogueOneFailingSourceHidesNoOther(t *testing.T) {
	s := startSim(t, sim.Config{Movies: 25})
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	bad := NewXtream(down.URL, "bob", "pw", Options{})
	good := NewXtream(s.URL(), "alice", simPass, Options{})
	c := NewCatalogues([]playlist.Source{bad, good}, CatalogueOptions{})
	ps, err := c.Catalogue(context.Background(), playlist.KindMovie, nil)
	var pe *playlist.Error
	if len(ps) != 1 || ps[0].Channels.Len() != 25 || !errors.As(err, &pe) || pe.Source != bad.Name() {
		t.Fatalf("%d playlists, error %v", len(ps), err)
	}
}

func TestCatalogueOfAPanelWithoutVOD(t *testing.T) {
	for name, answer := range map[string]func(http.ResponseWriter){
		"404":   func(w http.ResponseWriter) { http.NotFound(w, nil) },
		"empty": func(w http.ResponseWriter) { w.Write([]byte("[]")) },
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answer(w) }))
			t.Cleanup(srv.Close)
			x := NewXtream(srv.URL, "alice", "pw", Options{})
			for _, kind := range []playlist.Kind{playlist.KindMovie, playlist.KindSeries} {
				ps, err := NewCatalogues([]playlist.Source{x}, CatalogueOptions{}).Catalogue(context.Background(), kind, nil)
				if err != nil || len(ps) != 1 || ps[0].Channels.Len() != 0 || ps[0].Source != x.Name() {
					t.Fatalf("%v: %d playlists, %v", kind, len(ps), err)
				}
			}
		})
	}
}

func TestCatalogueRefusesOtherKinds(t *testing.T) {
	c := NewCatalogues(nil, CatalogueOptions{})
	if _, err := c.Catalogue(context.Background(), playlist.KindLive, nil); playlist.ProblemOf(err) != playlist.Invalid {
		t.Errorf("a live catalogue: %v", err)
	}
	ps, err := c.Catalogue(context.Background(), playlist.KindMovie, nil)
	if err != nil || len(ps) != 0 {
		t.Errorf("no accounts: %v, %v", ps, err)
	}
}

func TestCatalogueAskedTwiceAtOnceIsFetchedOnce(t *testing.T) {
	s := startSim(t, sim.Config{Movies: 500, Faults: sim.Faults{APIDelay: 50 * time.Millisecond}})
	c, _ := simCatalogues(t, s, "")
	var wg sync.WaitGroup
	got := make([]*playlist.Playlist, 3)
	for i := range got {
		wg.Go(func() {
			ps, err := c.Catalogue(context.Background(), playlist.KindMovie, nil)
			if err == nil && len(ps) == 1 {
				got[i] = ps[0]
			}
		})
	}
	wg.Wait()
	if got[0] == nil || got[1] != got[0] || got[2] != got[0] {
		t.Fatalf("three calls gave %p %p %p", got[0], got[1], got[2])
	}
	lists := 0
	for _, a := range apiActions(s) {
		if a == "get_vod_streams" {
			lists++
		}
	}
	if lists != 1 {
		t.Errorf("the movie list was asked for %d times", lists)
	}
}

func TestCatalogueEmptyAnswerKeepsTheLastCopy(t *testing.T) {
	var empty atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("action") == "get_vod_streams" && !empty.Load() {
			w.Write([]byte(`[{"stream_id":7,"name":"A","category_id":"1"}]`))
			return
		}
		w.Write([]byte("[]"))
	}))
	t.Cleanup(srv.Close)
	x := NewXtream(srv.URL, "alice", "pw", Options{})
	c := NewCatalogues([]playlist.Source{x}, CatalogueOptions{Cache: cache.New(t.TempDir()), MaxAge: -1})
	first := oneCatalogue(t, c, playlist.KindMovie)
	empty.Store(true)
	ps, err := c.Catalogue(context.Background(), playlist.KindMovie, nil)
	if playlist.ProblemOf(err) != playlist.NotPlaylist || len(ps) != 1 || ps[0] != first || first.Channels.Len() != 1 {
		t.Fatalf("an empty answer after a full one: %d playlists, %v", len(ps), err)
	}
}
