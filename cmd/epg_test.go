package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// The loader the browser gets, against a simulated panel: the account's
// xmltv.php, get_short_epg for one channel, and the cached guide kept when
// the panel is gone.
func TestGuideLoaderXtream(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s := sim.New(sim.Config{Password: "s3cret-pw", Channels: 40})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	src := source.NewXtream(s.URL(), "demo", "s3cret-pw", source.Options{})
	p, err := src.Load(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := &globals{}
	l := g.guideLoader([]playlist.Source{src}, nil, 0)
	pls := []*playlist.Playlist{p}

	gd, err := l.Guide(ctx, pls)
	if err != nil || gd == nil {
		t.Fatalf("guide: %v", err)
	}
	if m := epg.MatchPlaylist(p, gd); m.Rate() < 0.9 {
		t.Fatalf("%d of %d channels matched", m.Matched, len(p.Channels))
	}
	if src := strings.Join(gd.Sources, " "); strings.Contains(src, "s3cret-pw") {
		t.Fatalf("the guide names its source with the password: %s", src)
	}

	ch := &p.Channels[0]
	sg, k, err := l.Short(ctx, ch)
	if err != nil || sg == nil || !k.Valid() {
		t.Fatalf("short guide: %v, %v", sg, err)
	}
	if cur, next := sg.NowNext(k, time.Now()); cur == nil && next == nil {
		t.Fatal("the short guide has nothing on now or next")
	}
	other := playlist.Channel{Name: "From a file", Source: "list.m3u"}
	if sg, _, err := l.Short(ctx, &other); sg != nil || err != nil {
		t.Fatalf("a channel of no Xtream account got a short guide: %v, %v", sg, err)
	}

	s.Close()
	l.force = true
	old, err := l.Guide(ctx, pls)
	var stale *epg.StaleError
	if !errors.As(err, &stale) || old == nil || old.Stats.Programmes != gd.Stats.Programmes {
		t.Fatalf("after a failed refresh: guide %v, err %v; want the cached guide and a StaleError", old != nil, err)
	}
}

func TestGuideURLsSkipLocalFilesFromPlaylists(t *testing.T) {
	l := (&globals{}).guideLoader(nil, []string{"mine.xml", "http://a.test/g.xml"}, 0)
	pls := []*playlist.Playlist{
		{Header: playlist.Attributes{GuideURLs: []string{"http://a.test/g.xml", "/etc/passwd", "file:///etc/hosts", " https://b.test/g.xml.gz "}}},
		nil,
	}
	got := strings.Join(l.urls(pls), " ")
	if want := "mine.xml http://a.test/g.xml https://b.test/g.xml.gz"; got != want {
		t.Fatalf("guide URLs = %q, want %q", got, want)
	}
}
