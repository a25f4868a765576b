package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
)

// A name given in the options labels the source and every channel it loads,
// whatever kind of source it is.
func TestGivenNameLabelsSourceAndChannels(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 30})
	dir := t.TempDir()
	file := filepath.Join(dir, "list.m3u")
	if err := os.WriteFile(file, []byte("#EXTM3U\n#EXTINF:-1,One\nhttp://127.0.0.1:9/1.ts\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	getURL := s.URL() + "/get.php?username=alice&password=" + simPass + "&type=m3u_plus"
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, file)
	}))
	t.Cleanup(web.Close)
	plainURL := web.URL + "/list.m3u"
	cases := map[string]func() (playlist.Source, error){
		"file": func() (playlist.Source, error) { return Parse(file, Options{Name: "home"}) },
		"xtream": func() (playlist.Source, error) {
			return NewXtream(s.URL(), "alice", simPass, Options{Name: "home"}), nil
		},
		"get.php": func() (playlist.Source, error) { return Parse(getURL, Options{Name: "home"}) },
		"url":     func() (playlist.Source, error) { return Parse(plainURL, Options{Name: "home"}) },
		"unnamed": func() (playlist.Source, error) { return Parse(file, Options{}) },
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			src, err := mk()
			if err != nil {
				t.Fatal(err)
			}
			want := "home"
			if name == "unnamed" {
				want = "list.m3u"
			}
			if src.Name() != want {
				t.Errorf("Name() = %q, want %q", src.Name(), want)
			}
			p, err := src.Load(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Source != want || p.Channels.Len() == 0 || p.Channels.At(0).Source != want {
				t.Errorf("playlist %q, first channel's source %q; want %q", p.Source, p.Channels.At(0).Source, want)
			}
		})
	}
}
