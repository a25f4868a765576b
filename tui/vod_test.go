package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/series"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// fakeCatalogues serves a few movies and one show with two seasons, and
// counts what it is asked.
type fakeCatalogues struct {
	mu    sync.Mutex
	asked map[playlist.Kind]int
	err   error
}

func movie(name, id string, year uint16) playlist.Channel {
	return playlist.Channel{
		Name: name, Group: "Drama", Source: "home",
		URL: "http://provider.test/movie/alice/***/" + id + ".mkv",
		Extra: &playlist.Extra{Kind: playlist.KindMovie, StreamID: id,
			Item: &playlist.Item{Title: name, Year: year, Rating: 7.4, Seconds: 7080, Container: "mkv"}},
	}
}

func show(name, id string) playlist.Channel {
	return playlist.Channel{Name: name, Group: "Crime", Source: "home",
		Extra: &playlist.Extra{Kind: playlist.KindSeries, StreamID: id, Item: &playlist.Item{Title: name}}}
}

func (c *fakeCatalogues) Catalogue(_ context.Context, kind playlist.Kind, _ playlist.Progress) ([]*playlist.Playlist, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.asked == nil {
		c.asked = map[playlist.Kind]int{}
	}
	c.asked[kind]++
	if c.err != nil {
		return nil, c.err
	}
	if kind == playlist.KindMovie {
		return []*playlist.Playlist{{Source: "home", Channels: playlist.List([]playlist.Channel{
			movie("Heat (1995)", "11", 1995), movie("Ronin (1998)", "12", 1998), movie("Alien (1979)", "13", 1979),
		})}}, nil
	}
	return []*playlist.Playlist{{Source: "home", Channels: playlist.List([]playlist.Channel{show("The Wire", "7")})}}, nil
}

func (c *fakeCatalogues) times(k playlist.Kind) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.asked[k]
}

func (c *fakeCatalogues) MovieDetails(_ context.Context, ch playlist.Channel) (playlist.Movie, error) {
	return playlist.Movie{Name: ch.Name, Plot: "A crew of thieves takes one job too many.", Genre: "Crime", Director: "Michael Mann", Cast: "Al Pacino, Robert De Niro"}, nil
}

func (c *fakeCatalogues) Episodes(_ context.Context, sh playlist.Channel) (playlist.Series, []playlist.Season, error) {
	ep := func(season, n int16, title string) playlist.Episode {
		return playlist.Episode{ID: fmt.Sprint(int(season)*100 + int(n)), Title: title, Season: season, Number: n, Seconds: 3480,
			Plot: "Episode " + title + ".", URL: fmt.Sprintf("http://provider.test/series/alice/***/%d%02d.mp4", season, n)}
	}
	return playlist.Series{Name: sh.Name, Plot: "Baltimore.", Genre: "Crime"}, []playlist.Season{
		{Number: 1, Episodes: []playlist.Episode{ep(1, 1, "The Target"), ep(1, 2, "The Detail")}},
		{Number: 2, Episodes: []playlist.Episode{ep(2, 1, "Ebb Tide"), ep(2, 2, "Collateral Damage")}},
	}, nil
}

// fakePositions keeps positions in memory by name.
type fakePositions struct {
	mu  sync.Mutex
	pos map[string][2]time.Duration
}

func (p *fakePositions) SetPosition(ch playlist.Channel, pos, length time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pos == nil {
		p.pos = map[string][2]time.Duration{}
	}
	p.pos[ch.Name] = [2]time.Duration{pos, length}
	return nil
}

func (p *fakePositions) Position(ch playlist.Channel) (time.Duration, time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v := p.pos[ch.Name]
	return v[0], v[1], v[1] > 0 && v[0]*10 >= v[1]*9
}

// seekingController is a fakeController that can start at a position and
// seek, recording both.
type seekingController struct {
	*fakeController
	mu    sync.Mutex
	at    []time.Duration
	seeks []time.Duration
}

func (c *seekingController) PlayAt(ctx context.Context, ch playlist.Channel, at time.Duration) error {
	c.mu.Lock()
	c.at = append(c.at, at)
	c.mu.Unlock()
	return c.Play(ctx, ch)
}

func (c *seekingController) Seek(_ context.Context, by time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seeks = append(c.seeks, by)
	return nil
}

func (c *seekingController) record() (at, seeks []time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.at...), append([]time.Duration(nil), c.seeks...)
}

func vodOptions(cats *fakeCatalogues, ctrl *seekingController, pos *fakePositions) Options {
	o := Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Theme: ThemeDark, Catalogues: cats}
	if ctrl != nil {
		o.Controller = ctrl
	}
	if pos != nil {
		o.Positions = pos
	}
	return o
}

func TestMoviesTabFetchesOnceAndKeepsEachTabsPlace(t *testing.T) {
	cats := &fakeCatalogues{}
	d := start(t, vodOptions(cats, nil, nil), 80, 24)
	d.untilScreen("5 channels")
	d.keys("down down") // ITV in the live list
	d.keys("M")
	d.untilScreen("Heat (1995)")
	d.keys("down")
	d.until("Ronin selected", func(m *Model) bool { return selectedName(m) == "Ronin (1998)" })
	d.keys("L")
	d.until("ITV selected again", func(m *Model) bool { return selectedName(m) == "ITV" })
	d.keys("M")
	screen := d.until("Ronin selected again", func(m *Model) bool { return selectedName(m) == "Ronin (1998)" })
	if !strings.Contains(screen, "[Movies]") {
		t.Errorf("the header does not mark the Movies tab:\n%s", screen)
	}
	d.final()
	if n := cats.times(playlist.KindMovie); n != 1 {
		t.Errorf("the movies catalogue was fetched %d times, want once", n)
	}
	if n := cats.times(playlist.KindSeries); n != 0 {
		t.Errorf("the series catalogue was fetched %d times before it was opened", n)
	}
}

func selectedName(m *Model) string {
	if ch := m.browser.SelectedChannel(); ch != nil {
		return ch.Name
	}
	return ""
}

func TestMovieDetailsShowWhenResting(t *testing.T) {
	d := start(t, vodOptions(&fakeCatalogues{}, nil, nil), 80, 24)
	d.untilScreen("5 channels")
	d.keys("M")
	screen := d.untilScreen("Michael Mann")
	for _, want := range []string{"A crew of thieves", "1995", "★ 7.4", "1h 58m", "Crime"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the details lack %q:\n%s", want, screen)
		}
	}
}

func TestCatalogueFailureSaysSoInTheTab(t *testing.T) {
	cats := &fakeCatalogues{err: &playlist.Error{Source: "home", Problem: playlist.Unreachable, Detail: "connection refused"}}
	d := start(t, vodOptions(cats, nil, nil), 80, 24)
	d.untilScreen("5 channels")
	d.keys("M")
	d.untilScreen("No movies: home: connection refused")
}

func TestSeriesOpensIntoSeasonsAndNextEpisodeCrossesThem(t *testing.T) {
	ctrl := &seekingController{fakeController: newFakeController()}
	d := start(t, vodOptions(&fakeCatalogues{}, ctrl, nil), 80, 24)
	d.untilScreen("5 channels")
	d.keys("S")
	d.untilScreen("The Wire")
	d.keys("enter")
	screen := d.untilScreen("Collateral Damage")
	for _, want := range []string{"The Wire · 2 seasons", "Season 1", "Season 2", "E01 The Target", "58m"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the series screen lacks %q:\n%s", want, screen)
		}
	}
	d.keys("down") // The Detail, the last of season 1
	d.keys("enter")
	d.until("the episode plays", func(m *Model) bool { return m.play.playing() })
	d.keys("esc")
	d.until("the browser", func(m *Model) bool { return m.topIs(m.browser) })
	d.keys("N")
	d.until("the next episode plays", func(m *Model) bool { return strings.Contains(m.play.channel.Name, "S02E01") })
	d.final()
	played, _ := ctrl.snapshot()
	want := []string{"The Wire S01E02 The Detail", "The Wire S02E01 Ebb Tide"}
	if strings.Join(played, "|") != strings.Join(want, "|") {
		t.Errorf("played %q, want %q", played, want)
	}
}

func TestResumeOffersWhereTheMovieWasLeft(t *testing.T) {
	pos := &fakePositions{}
	pos.SetPosition(movie("Heat (1995)", "11", 1995), time.Hour+2*time.Minute+13*time.Second, 2*time.Hour)
	for _, tc := range []struct {
		key  string
		want []time.Duration
	}{
		{"enter", []time.Duration{time.Hour + 2*time.Minute + 13*time.Second}},
		{"b", nil},
	} {
		t.Run(tc.key, func(t *testing.T) {
			ctrl := &seekingController{fakeController: newFakeController()}
			d := start(t, vodOptions(&fakeCatalogues{}, ctrl, pos), 80, 24)
			d.untilScreen("5 channels")
			d.keys("M")
			d.untilScreen("left at 1:02:13 of 2:00:00")
			d.keys("enter")
			d.untilScreen("resume at 1:02:13")
			d.keys(tc.key)
			d.until("the movie plays", func(m *Model) bool { return m.play.playing() && m.topIs(m.browser) })
			d.final()
			at, _ := ctrl.record()
			played, _ := ctrl.snapshot()
			if fmt.Sprint(at) != fmt.Sprint(tc.want) || len(played) != 1 {
				t.Errorf("started at %v (played %q), want %v", at, played, tc.want)
			}
		})
	}
}

func TestSeekKeysMoveAMovieNotAChannel(t *testing.T) {
	ctrl := &seekingController{fakeController: newFakeController()}
	d := start(t, vodOptions(&fakeCatalogues{}, ctrl, nil), 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter") // BBC One: live
	d.until("the channel plays", func(m *Model) bool { return m.play.playing() })
	d.tm.Send(keyPress("right"))
	d.keys("M")
	d.untilScreen("Heat (1995)")
	d.keys("enter")
	d.until("the movie plays", func(m *Model) bool { return m.play.playing() && m.play.channel.Kind() == playlist.KindMovie })
	d.keys("] [")
	d.until("two seeks", func(m *Model) bool { _, s := ctrl.record(); return len(s) == 2 })
	d.final()
	// The two seeks run as commands of their own, in either order.
	if _, s := ctrl.record(); len(s) != 2 || s[0]+s[1] != 0 || (s[0] != time.Minute && s[1] != time.Minute) {
		t.Errorf("seeks %v, want +1m and -1m, and none on live TV", s)
	}
}

func TestSplitKindsSortsAnM3UListIntoTabs(t *testing.T) {
	live := sample()
	mixed := pl("panel",
		playlist.Channel{Name: "News", URL: "http://p.test/live/u/***/1.ts"},
		playlist.Channel{Name: "Heat", URL: "http://p.test/movie/u/***/2.mkv"},
		playlist.Channel{Name: "Wire S01E01", URL: "http://p.test/series/u/***/3.mp4"},
	)
	parts := splitKinds([]*playlist.Playlist{live, mixed})
	if len(parts[browser.TabLive]) != 2 || parts[browser.TabLive][0] != live {
		t.Fatalf("a live-only playlist was not kept as it is: %v", parts[browser.TabLive])
	}
	names := func(t browser.Tab) string {
		var out []string
		for _, p := range parts[t] {
			for _, c := range p.Channels.All() {
				out = append(out, c.Source+":"+c.Name)
			}
		}
		return strings.Join(out, ",")
	}
	if got := names(browser.TabMovies); got != "panel:Heat" {
		t.Errorf("movies %q", got)
	}
	if got := names(browser.TabSeries); got != "panel:Wire S01E01" {
		t.Errorf("series %q", got)
	}
	if got := parts[browser.TabLive][1].Channels; got.Len() != 1 || got.At(0).Name != "News" {
		t.Errorf("live part of the mixed list: %v", got)
	}
}

func TestM3UMoviesShowATabWithoutCatalogues(t *testing.T) {
	mixed := pl("panel",
		playlist.Channel{Name: "News", Group: "TV", URL: "http://p.test/live/u/***/1.ts"},
		playlist.Channel{Name: "Heat", Group: "Films", URL: "http://p.test/movie/u/***/2.mkv"},
	)
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "panel", pl: mixed}}, Theme: ThemeDark}, 80, 24)
	d.untilScreen("1 channels")
	d.keys("M")
	screen := d.untilScreen("Heat")
	if strings.Contains(screen, "News") {
		t.Errorf("a live channel is listed under Movies:\n%s", screen)
	}
}

func TestSeriesScreenKeepsTheCursorOffHeadings(t *testing.T) {
	c := &fakeCatalogues{}
	sh := show("The Wire", "7")
	info, seasons, _ := c.Episodes(context.Background(), sh)
	s := series.New(newTestCommon(), sh, nil)
	s.Update(series.EpisodesMsg{Show: &sh, Series: info, Seasons: seasons})
	if e := s.Selected(); e == nil || e.Title != "The Target" {
		t.Fatalf("first selected %+v, want The Target", e)
	}
	for range 2 {
		s.Update(keyPress("down"))
	}
	if e := s.Selected(); e == nil || e.Title != "Ebb Tide" {
		t.Fatalf("two down from the first: %+v, want Ebb Tide past the heading", e)
	}
	s.Update(keyPress("up"))
	if e := s.Selected(); e == nil || e.Title != "The Detail" {
		t.Fatalf("up from Ebb Tide: %+v, want The Detail", e)
	}
}

func newTestCommon() *common.Common { return common.New(styles.New(true), nil) }

// Golden screens of the movies tab with a movie's details, the series
// screen and the resume question, at the sizes the TUI promises.
// Update them with: go test ./tui/ -run GoldenVOD -update
func TestGoldenVOD(t *testing.T) {
	pos := &fakePositions{}
	pos.SetPosition(movie("Heat (1995)", "11", 1995), 42*time.Minute, 2*time.Hour)
	steps := []struct {
		name string
		run  func(d *driver)
	}{
		{"movies", func(d *driver) {
			d.keys("M")
			d.untilScreen("Michael Mann")
		}},
		{"series", func(d *driver) {
			d.keys("S")
			d.untilScreen("The Wire")
			d.keys("enter")
			d.untilScreen("Collateral Damage")
			d.keys("down down")
			d.untilScreen("S02E01")
		}},
		{"resume", func(d *driver) {
			d.keys("M")
			d.untilScreen("Heat (1995)")
			d.keys("enter")
			d.untilScreen("resume at 42:00")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, st := range steps {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, size[0], size[1]), func(t *testing.T) {
				ctrl := &seekingController{fakeController: newFakeController()}
				d := start(t, vodOptions(&fakeCatalogues{}, ctrl, pos), size[0], size[1])
				d.untilScreen("5 channels")
				st.run(d)
				golden.RequireEqual(t, d.final())
			})
		}
	}
}
