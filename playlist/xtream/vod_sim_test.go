package xtream

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

// The simulator answers the catalogue calls the way panels do, oddities
// included; the client reads all of them.
func TestCatalogueFromTheSimulator(t *testing.T) {
	s := sim.New(sim.Config{Username: testUser, Password: testPass})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	c := New(s.URL(), testUser, testPass, remote.Options{})
	ctx := context.Background()

	cats, err := c.VODCategories(ctx)
	if err != nil || len(cats) == 0 {
		t.Fatalf("categories %v, %v", cats, err)
	}
	movies, err := c.Movies(ctx, "", nil)
	if err != nil || len(movies) != s.MovieCount() {
		t.Fatalf("%d movies (%v), the panel has %d", len(movies), err, s.MovieCount())
	}
	for i, m := range movies {
		want, _ := s.Movie(i)
		if m.ID != strconv.Itoa(want.ID) || m.Name != want.Name || m.Year != uint16(want.Year) ||
			m.Categories[0] != strconv.Itoa(want.CategoryID) || m.Source != c.Name() {
			t.Fatalf("movie %d read as %+v, the panel has %+v", i, m, want)
		}
		if wantExt := want.Container; m.Container != wantExt && !(wantExt == "" && m.Container == "mp4") {
			t.Fatalf("movie %d container %q, the panel says %q", i, m.Container, wantExt)
		}
		if (want.Rating == 0) != (m.Rating == 0) {
			t.Fatalf("movie %d rating %v, the panel's %v", i, m.Rating, want.Rating)
		}
	}
	inCat, err := c.Movies(ctx, string(cats[2].ID), nil)
	if err != nil || len(inCat) == 0 || len(inCat) >= len(movies) {
		t.Fatalf("%d movies in a category: %v", len(inCat), err)
	}

	m, err := c.Movie(ctx, movies[0].ID)
	if err != nil || m.Plot == "" || m.Director == "" || m.Seconds == 0 || m.Name != movies[0].Name {
		t.Fatalf("details %+v, %v", m, err)
	}
	if _, err := c.Movie(ctx, "12"); playlist.ProblemOf(err) != playlist.NotFound {
		t.Fatalf("an unknown movie: %v", err)
	}

	list, err := c.Series(ctx, "", nil)
	if err != nil || len(list) != s.SeriesCount() {
		t.Fatalf("%d series (%v), the panel has %d", len(list), err, s.SeriesCount())
	}
	for _, id := range []int{1, 2, 6} { // keyed by season, array of arrays, flat
		show, _ := s.Show(id)
		got, seasons, err := c.SeriesInfo(ctx, strconv.Itoa(id))
		if err != nil || got.Name != show.Name || len(seasons) != len(show.Seasons) {
			t.Fatalf("series %d: %+v, %d seasons, %v; the panel has %d", id, got, len(seasons), err, len(show.Seasons))
		}
		for k, season := range seasons {
			if season.Number != k+1 || len(season.Episodes) != show.Seasons[k] {
				t.Fatalf("series %d season %d: %+v", id, k+1, season)
			}
			for n, e := range season.Episodes {
				want, _ := s.Episode(id, k+1, n+1)
				if e.ID != strconv.Itoa(want.ID) || int(e.Number) != n+1 || e.SeriesID != strconv.Itoa(id) || e.Seconds == 0 {
					t.Fatalf("series %d S%dE%d read as %+v, the panel has %+v", id, k+1, n+1, e, want)
				}
			}
		}
	}
	if _, _, err := c.SeriesInfo(ctx, "999"); playlist.ProblemOf(err) != playlist.NotFound {
		t.Fatalf("an unknown series: %v", err)
	}
}

// A movie's URL, with the password put where the placeholder stands, is a
// file the panel serves.
func TestMovieURLPlaysOnTheSimulator(t *testing.T) {
	s := sim.New(sim.Config{Username: testUser, Password: testPass})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	movie, _ := s.Movie(4) // the panel leaves out its container
	ep, _ := s.Episode(1, 1, 1)
	for _, u := range []string{
		MovieURL(s.URL(), testUser, strconv.Itoa(movie.ID), movie.Container),
		EpisodeURL(s.URL(), testUser, strconv.Itoa(ep.ID), ep.Container),
	} {
		if strings.Contains(u, testPass) {
			t.Fatalf("%s holds the password", u)
		}
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, strings.Replace(u, "/"+playlist.Masked+"/", "/"+testPass+"/", 1), nil)
		req.Header.Set("Range", "bytes=0-187")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusPartialContent {
			t.Fatalf("%s: %d", u, resp.StatusCode)
		}
		// The account has one slot: the next file waits until the panel
		// has counted this one's close, as a player's next request would.
		if err := s.WaitActive(t.Context(), 0); err != nil {
			t.Fatal(err)
		}
	}
}
