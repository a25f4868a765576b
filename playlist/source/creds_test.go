package source

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

// assertNoPassword fails when any file under dir holds pass, in any of the
// spellings a URL gives it.
func assertNoPassword(t *testing.T, dir, pass string) {
	t.Helper()
	forms := [][]byte{[]byte(pass), []byte(url.QueryEscape(pass)), []byte(url.PathEscape(pass))}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, f := range forms {
			if bytes.Contains(b, f) {
				t.Errorf("%s holds the password", filepath.Base(p))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("nothing was written under %s", dir)
	}
}

// assertRequestURLs checks that the kept channels, resolved as a request
// leaves, are the panel's own stream URLs, and that the guide's is accepted.
func assertRequestURLs(t *testing.T, s *sim.Server, base string, p *playlist.Playlist, c playlist.Credentials, ext string) {
	t.Helper()
	for _, ch := range p.Channels.Slice()[:5] {
		if strings.Contains(ch.URL, simPass) {
			t.Fatalf("channel %s keeps the password", ch.Name)
		}
		id, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(ch.URL), "."+ext))
		if err != nil {
			t.Fatalf("channel URL %s", ch.URL)
		}
		want := base + strings.TrimPrefix(s.StreamURL(id, ext), s.URL())
		if got := c.RequestURL(ch.URL); got != want {
			t.Errorf("request URL %s, the panel's is %s", playlist.MaskURL(got), playlist.MaskURL(want))
		}
	}
	if len(p.Header.GuideURLs) != 1 || strings.Contains(p.Header.GuideURLs[0], simPass) {
		t.Fatalf("guide URLs %q", p.Header.GuideURLs)
	}
	resp, err := http.Get(c.RequestURL(p.Header.GuideURLs[0]))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("guide request: HTTP %d", resp.StatusCode)
	}
}

func TestCachedAccountHoldsNoPassword(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 30})
	dir := t.TempDir()
	src := NewXtream(s.URL(), "alice", simPass, Options{}).(*Xtream)
	res := (&cache.Loader{Cache: cache.New(dir)}).Refresh(context.Background(), src, nil)
	if res.Err != nil || res.SaveErr != nil {
		t.Fatalf("load: %v, save: %v", res.Err, res.SaveErr)
	}
	assertNoPassword(t, dir, simPass)
	assertRequestURLs(t, s, s.URL(), res.Playlist, src.Credentials(), "ts")
}

// notAnAPI serves the simulator's get.php and streams but answers
// player_api.php with a web page, as panels do that offer only the M3U.
func notAnAPI(t *testing.T, s *sim.Server) string {
	t.Helper()
	target, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/player_api.php" {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>panel</html>"))
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestCachedGetPHPPlaylistHoldsNoPassword(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 30})
	base := notAnAPI(t, s)
	dir := t.TempDir()
	src, err := Parse(base+"/get.php?username=alice&password="+url.QueryEscape(simPass)+"&type=m3u_plus", Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := (&cache.Loader{Cache: cache.New(dir)}).Refresh(context.Background(), src, nil)
	if res.Err != nil || res.SaveErr != nil {
		t.Fatalf("load: %v, save: %v", res.Err, res.SaveErr)
	}
	if res.Playlist.Channels.Len() != 30 {
		t.Fatalf("%d channels from the M3U", res.Playlist.Channels.Len())
	}
	assertNoPassword(t, dir, simPass)
	// The M3U names the address it was fetched from.
	assertRequestURLs(t, s, base, res.Playlist, playlist.CredentialsOf(src), "ts")
}
