package xtream

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

func TestMovieChannelsShareWhatRepeats(t *testing.T) {
	c := New("panel.example:8080/", "al ice", "pw", remote.Options{})
	cats := []Category{{ID: "1", Name: "Drama"}, {ID: "2", Name: "Action"}, {ID: "1", Name: "Duplicate"}}
	movies := []playlist.Movie{
		{ID: "10", Name: "A (2001)", Poster: "http://p/10.png", Container: "mkv", Categories: []string{"1", "2"}, Year: 2001, Rating: 7.5, Seconds: 60},
		{ID: "11", Name: "B", Container: "mp4", Categories: []string{"1", "2"}},
		{ID: "1 2", Name: "C", Container: "mp4", Categories: []string{"9"}},
		{ID: "13", Name: "D", Container: "avi", Categories: []string{"2", "2"}},
	}
	chs := c.MovieChannels("mine", movies, cats)
	if len(chs) != 4 {
		t.Fatalf("%d channels", len(chs))
	}
	a := chs[0]
	if a.Name != "A (2001)" || a.Logo != "http://p/10.png" || a.Source != "mine" || a.Group != "Drama" ||
		a.URL != "http://panel.example:8080/movie/al%20ice/***/10.mkv" || a.Kind() != playlist.KindMovie ||
		a.Extra.StreamID != "10" || *a.ItemInfo() != (playlist.Item{Title: "A (2001)", Container: "mkv", Seconds: 60, Rating: 7.5, Year: 2001}) {
		t.Fatalf("first movie %+v %+v", a, a.ItemInfo())
	}
	if g := a.Groups(); len(g) != 2 || g[1] != "Action" || &chs[1].Extra.Groups[0] != &g[0] {
		t.Errorf("groups %v, shared with the next title's: %v", g, chs[1].Groups())
	}
	if chs[2].Group != "" || chs[2].URL != "http://panel.example:8080/movie/al%20ice/***/1%202.mp4" || chs[2].Extra.StreamID != "1 2" {
		t.Errorf("a title in an unknown category, its id escaped: %+v", chs[2])
	}
	if chs[3].Group != "Action" || chs[3].Extra.Groups != nil {
		t.Errorf("a category given twice: %q %v", chs[3].Group, chs[3].Extra.Groups)
	}
	if got := playlist.BuildGroups(playlist.List(chs)); len(got) != 2 || got[0].Name != "Drama" || got[0].Count != 2 || got[1].Name != "Action" || got[1].Count != 3 {
		t.Errorf("groups %+v", got)
	}
}

func TestSeriesChannelsAreOpenedNotPlayed(t *testing.T) {
	shows := []playlist.Series{{ID: "5", Name: "Show", Poster: "http://p/5.png", Categories: []string{"3"}, Year: 1999, Rating: 8}}
	chs := SeriesChannels("mine", shows, []Category{{ID: "3", Name: "Crime"}})
	s := chs[0]
	if len(chs) != 1 || s.URL != "" || s.Kind() != playlist.KindSeries || s.Extra.StreamID != "5" || s.Group != "Crime" ||
		s.Logo != "http://p/5.png" || *s.ItemInfo() != (playlist.Item{Title: "Show", Year: 1999, Rating: 8}) {
		t.Fatalf("show %+v %+v", s, s.ItemInfo())
	}
}

func TestEpisodeURLsKeepThePlaceholder(t *testing.T) {
	c := New("http://panel.example", "alice", "pw", remote.Options{})
	seasons := []playlist.Season{{Number: 1, Episodes: []playlist.Episode{{ID: "77", Container: "mkv"}, {ID: "78"}}}}
	c.EpisodeURLs(seasons)
	if e := seasons[0].Episodes; e[0].URL != "http://panel.example/series/alice/***/77.mkv" || e[1].URL != "http://panel.example/series/alice/***/78.mp4" {
		t.Errorf("URLs %q %q", e[0].URL, e[1].URL)
	}
}
