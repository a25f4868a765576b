package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

func TestListKinds(t *testing.T) {
	counts := m3u.Counts{Live: 3, Movies: 5, Episodes: 7}
	for spec, want := range map[string]struct {
		n                       int
		live, movie, ep, series bool
	}{
		"":       {3, true, false, false, false},
		"live":   {3, true, false, false, false},
		"Movie":  {5, false, true, false, false},
		"series": {7, false, false, true, true},
		"all":    {15, true, true, true, true},
	} {
		ks, err := parseListKinds(spec)
		if err != nil {
			t.Fatalf("%q: %v", spec, err)
		}
		got := [...]bool{ks.has(playlist.KindLive), ks.has(playlist.KindMovie), ks.has(playlist.KindEpisode), ks.has(playlist.KindSeries)}
		if ks.of(counts) != want.n || got != [...]bool{want.live, want.movie, want.ep, want.series} {
			t.Errorf("%q counts %d and takes %v", spec, ks.of(counts), got)
		}
	}
	if _, err := parseListKinds("films"); exitCode(err) != ExitUsage {
		t.Errorf("an unknown kind: %v", err)
	}
}
