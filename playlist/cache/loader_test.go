package cache_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/source"
)

type fakeSource struct {
	key string
	p   *playlist.Playlist
	err error
}

func (f *fakeSource) Name() string     { return "bob@h.example" }
func (f *fakeSource) CacheKey() string { return f.key }
func (f *fakeSource) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	return f.p, f.err
}

// unkeyed is a Source that does not offer a cache key.
type unkeyed struct{ fakeSource }

func (u *unkeyed) CacheKey() {}

func collect(l *cache.Loader, src playlist.Source) []cache.Result {
	var out []cache.Result
	l.Load(context.Background(), src, nil, func(r cache.Result) { out = append(out, r) })
	return out
}

func TestLoaderFirstRunSaves(t *testing.T) {
	c, _ := newCache(t)
	l := &cache.Loader{Cache: c}
	src := &fakeSource{key: "k", p: sample()}
	res := collect(l, src)
	if len(res) != 1 || res[0].Cached || res[0].Err != nil || res[0].SaveErr != nil || res[0].Playlist != src.p {
		t.Fatalf("results %+v", res)
	}
	if _, _, err := c.Load("k"); err != nil {
		t.Errorf("fresh copy not cached: %v", err)
	}
}

func TestLoaderShowsCachedThenFresh(t *testing.T) {
	c, now := newCache(t)
	c.Save("k", sample())
	*now = now.Add(90 * time.Minute)
	fresh := sample()
	fresh.Channels = playlist.List(fresh.Channels.Slice()[:3])
	res := collect(&cache.Loader{Cache: c}, &fakeSource{key: "k", p: fresh})
	if len(res) != 2 {
		t.Fatalf("%d results, want cached then fresh", len(res))
	}
	if !res[0].Cached || res[0].Age != 90*time.Minute || res[0].Playlist.Channels.Len() != 4 {
		t.Errorf("first result %+v", res[0])
	}
	if res[1].Cached || res[1].Err != nil || res[1].Playlist != fresh {
		t.Errorf("second result %+v", res[1])
	}
	got, _, _ := c.Load("k")
	if got.Channels.Len() != 3 {
		t.Errorf("cache holds %d channels after refresh, want 3", got.Channels.Len())
	}
}

func TestLoaderFailedRefreshKeepsCachedCopy(t *testing.T) {
	failure := &playlist.Error{Source: "bob@h.example", Problem: playlist.TimedOut, Detail: "timed out after 30s with no data"}
	tests := []struct {
		name    string
		src     *fakeSource
		problem playlist.Problem
		detail  string
	}{
		{"load error", &fakeSource{key: "k", err: failure}, playlist.TimedOut, "timed out after 30s with no data"},
		{"half loaded with an error", &fakeSource{key: "k", p: &playlist.Playlist{Channels: playlist.List(sample().Channels.Slice()[:1])}, err: failure}, playlist.TimedOut, "timed out"},
		{"empty answer", &fakeSource{key: "k", p: &playlist.Playlist{Source: "bob@h.example"}}, playlist.NotPlaylist, "the source sent no channels; keeping the copy from 3h ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, now := newCache(t)
			c.Save("k", sample())
			before, _ := os.ReadFile(c.Path("k"))
			*now = now.Add(3 * time.Hour)
			res := collect(&cache.Loader{Cache: c}, tt.src)
			if len(res) != 2 {
				t.Fatalf("%d results", len(res))
			}
			last := res[1]
			if !last.Cached || last.Playlist == nil || last.Playlist.Channels.Len() != 4 || last.Age != 3*time.Hour {
				t.Errorf("last result does not carry the cached copy: %+v", last)
			}
			var pe *playlist.Error
			if !errors.As(last.Err, &pe) || pe.Problem != tt.problem || !strings.Contains(pe.Detail, tt.detail) {
				t.Errorf("error %v, want %s %q", last.Err, tt.problem, tt.detail)
			}
			after, _ := os.ReadFile(c.Path("k"))
			if string(before) != string(after) {
				t.Error("a failed refresh changed the cached copy")
			}
		})
	}
}

func TestLoaderFailureWithoutCache(t *testing.T) {
	c, _ := newCache(t)
	failure := errors.New("boom")
	res := collect(&cache.Loader{Cache: c}, &fakeSource{key: "k", err: failure})
	if len(res) != 1 || res[0].Playlist != nil || res[0].Err != failure {
		t.Fatalf("results %+v", res)
	}
}

func TestLoaderEmptyFreshWithoutCacheIsShown(t *testing.T) {
	c, _ := newCache(t)
	empty := &playlist.Playlist{Source: "bob@h.example"}
	res := collect(&cache.Loader{Cache: c}, &fakeSource{key: "k", p: empty})
	if len(res) != 1 || res[0].Err != nil || res[0].Playlist != empty {
		t.Fatalf("results %+v", res)
	}
}

func TestLoaderSkipsSourcesWithoutKey(t *testing.T) {
	c, _ := newCache(t)
	tests := map[string]playlist.Source{
		"empty key":  &fakeSource{key: "", p: sample()},
		"no key":     &unkeyed{fakeSource{p: sample()}},
		"nil cache":  nil,
		"local file": mustSource(t, filepath.Join("..", "source", "testdata", "small.m3u")),
		"stdin":      mustSource(t, "-"),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			l := &cache.Loader{Cache: c}
			if src == nil {
				l.Cache = nil
				src = &fakeSource{key: "k", p: sample()}
			}
			if res, ok := l.Cached(src); ok {
				t.Errorf("cached result %+v", res)
			}
			l.Refresh(context.Background(), src, nil)
			if entries, _ := os.ReadDir(c.Dir); len(entries) != 0 {
				t.Errorf("%d files cached", len(entries))
			}
		})
	}
}

func mustSource(t *testing.T, spec string) playlist.Source {
	s, err := source.Parse(spec, source.Options{Stdin: strings.NewReader("#EXTM3U\n#EXTINF:-1,A\nhttp://a/1\n")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// An Xtream account's channels keep their URLs without the password, so the
// cache file, which only the user can read, holds none; nor does a file name.
func TestXtreamCacheFileIsPrivateAndHoldsNoPassword(t *testing.T) {
	const pass = "hunter22-secret"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("action") {
		case "":
			w.Write([]byte(`{"user_info":{"username":"bob","password":"` + pass + `","auth":1,"status":"Active"},"server_info":{}}`))
		case "get_live_categories":
			w.Write([]byte(`[{"category_id":"1","category_name":"News"}]`))
		default:
			w.Write([]byte(`[{"num":1,"name":"One","stream_id":7,"category_id":"1"}]`))
		}
	}))
	defer srv.Close()
	root := t.TempDir()
	c := cache.New(filepath.Join(root, "tuner"))
	src := source.NewXtream(srv.URL, "bob", pass, source.Options{})
	res := (&cache.Loader{Cache: c}).Refresh(context.Background(), src, nil)
	if res.Err != nil || res.SaveErr != nil {
		t.Fatal(res.Err, res.SaveErr)
	}
	if strings.Contains(res.Playlist.Channels.At(0).URL, pass) {
		t.Error("the kept stream URL carries the password")
	}
	var files []string
	filepath.Walk(root, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(path, pass) || strings.Contains(path, "bob") {
			t.Errorf("path %q reveals the account", path)
		}
		switch {
		case fi.IsDir() && path != root && fi.Mode().Perm() != 0o700:
			t.Errorf("directory %s mode %v, want 0700", path, fi.Mode().Perm())
		case !fi.IsDir():
			files = append(files, path)
			if b, err := os.ReadFile(path); err != nil || strings.Contains(string(b), pass) {
				t.Errorf("file %s holds the password (%v)", path, err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("file %s mode %v, want 0600", path, fi.Mode().Perm())
			}
		}
		return nil
	})
	if len(files) != 1 || files[0] != c.Path(src.(source.Keyed).CacheKey()) {
		t.Errorf("files %q, want only the cache file", files)
	}
	if k := src.(source.Keyed).CacheKey(); strings.Contains(k, pass) {
		t.Errorf("cache key %q holds the password", k)
	}
	got, _, err := c.Load(src.(source.Keyed).CacheKey())
	if err != nil || got.Channels.At(0).URL != res.Playlist.Channels.At(0).URL || got.Account == nil || got.Account.Username != "bob" {
		t.Fatalf("reloaded %+v, %v", got, err)
	}
}

func TestLoaderStream(t *testing.T) {
	c, _ := newCache(t)
	c.Save("k", sample())
	fresh := sample()
	var got []cache.Result
	for r := range (&cache.Loader{Cache: c}).Stream(context.Background(), &fakeSource{key: "k", p: fresh}, nil) {
		got = append(got, r)
	}
	if len(got) != 2 || !got[0].Cached || got[1].Cached || got[1].Playlist != fresh {
		t.Fatalf("results %+v", got)
	}
}
