package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

const small = "testdata/small.m3u"

func TestParseSpec(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		spec    string
		kind    string
		problem playlist.Problem
		err     string
	}{
		{"stdin", "-", "*source.Stdin", "", ""},
		{"file", small, "*source.File", "", ""},
		{"file URL", "file://" + mustAbs(t, small), "*source.File", "", ""},
		{"http URL", "http://example.invalid/list.m3u", "*source.URL", "", ""},
		{"https URL in capitals", "HTTPS://example.invalid/list.m3u", "*source.URL", "", ""},
		{"get.php is an Xtream account", "http://panel.invalid:8080/get.php?username=u&password=p&type=m3u_plus", "*source.Xtream", "", ""},
		{"missing file", "nope.m3u", "", playlist.NotFound, "nope.m3u: not found"},
		{"directory", dir, "", playlist.Invalid, dir + ": is a directory, not a playlist file"},
		{"other scheme", "rtmp://u:secret@example.invalid/x", "", playlist.Invalid, "rtmp://u:***@example.invalid/x: unsupported URL scheme (use http://, https://, a file path or -)"},
		{"empty", " ", "", playlist.Invalid, "playlist: empty source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Parse(tt.spec, Options{Stdin: strings.NewReader("")})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || playlist.ProblemOf(err) != tt.problem {
					t.Fatalf("error %v (%q), want %q (%q)", err, playlist.ProblemOf(err), tt.err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := typeName(src); got != tt.kind {
				t.Errorf("source %s, want %s", got, tt.kind)
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func typeName(v any) string {
	switch v.(type) {
	case *Stdin:
		return "*source.Stdin"
	case *File:
		return "*source.File"
	case *URL:
		return "*source.URL"
	case *Xtream:
		return "*source.Xtream"
	}
	return "?"
}

func TestNamesAndKeysHideSecrets(t *testing.T) {
	tests := []struct {
		spec, name string
	}{
		{"-", "stdin"},
		{small, "small.m3u"},
		{"http://bob:hunter22@example.invalid:8080/lists/tv.m3u?token=hunter22", "example.invalid:8080/lists/tv.m3u"},
		{"http://panel.invalid/live/bob/hunter22/1.m3u8", "panel.invalid/live/bob/***/1.m3u8"},
		{"http://panel.invalid:8080/get.php?username=bob&password=hunter22&type=m3u_plus", "bob@panel.invalid:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Parse(tt.spec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if src.Name() != tt.name {
				t.Errorf("Name %q, want %q", src.Name(), tt.name)
			}
			if k := src.(Keyed).CacheKey(); strings.Contains(k, "hunter22") {
				t.Errorf("cache key %q holds the password", k)
			}
		})
	}
}

func TestCacheKeys(t *testing.T) {
	key := func(s playlist.Source) string { return s.(Keyed).CacheKey() }
	a := NewXtream("http://panel.invalid:8080/", "alice", "pw1", Options{})
	a2 := NewXtream("panel.invalid:8080", "alice", "pw2", Options{})
	b := NewXtream("http://panel.invalid:8080", "bob", "pw1", Options{})
	if key(a) != key(a2) {
		t.Errorf("one account, two keys: %q %q", key(a), key(a2))
	}
	if key(a) == key(b) {
		t.Errorf("two accounts share the key %q", key(a))
	}
	g, _ := Parse("http://panel.invalid:8080/get.php?username=alice&password=pw9&type=m3u_plus", Options{})
	if key(g) != key(a) {
		t.Errorf("get.php URL key %q, API key %q", key(g), key(a))
	}
	u1, _ := Parse("http://h.invalid/tv.m3u", Options{HTTP: remote.Options{Username: "ann", Password: "x1"}})
	u2, _ := Parse("http://h.invalid/tv.m3u", Options{HTTP: remote.Options{Username: "ben", Password: "x1"}})
	if key(u1) == key(u2) || strings.Contains(key(u1), "x1") {
		t.Errorf("URL keys for two users: %q %q", key(u1), key(u2))
	}
	f, _ := Parse(small, Options{})
	if key(f) != "" {
		t.Errorf("file key %q, want none", key(f))
	}
}

func TestLoadFile(t *testing.T) {
	src, err := Parse(small, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := src.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Channels.Len() != 2 || p.Channels.At(0).Name != "One, HD" || p.Channels.At(0).Source != "small.m3u" {
		t.Errorf("channels %+v", p.Channels)
	}
}

func TestLoadFileRemovedAfterParse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone.m3u")
	os.WriteFile(path, []byte("#EXTM3U\n"), 0o600)
	src, err := Parse(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	_, err = src.Load(context.Background(), nil)
	if err == nil || err.Error() != path+": not found" {
		t.Fatalf("error %v", err)
	}
}

func TestLoadStdinTwice(t *testing.T) {
	data, _ := os.ReadFile(small)
	src, _ := Parse("-", Options{Stdin: bytes.NewReader(data)})
	for i := 0; i < 2; i++ {
		p, err := src.Load(context.Background(), nil)
		if err != nil || p.Channels.Len() != 2 {
			t.Fatalf("load %d: %v, %v", i, p, err)
		}
	}
}

func TestLoadStdinNotPlaylist(t *testing.T) {
	src, _ := Parse("-", Options{Stdin: strings.NewReader("<html>nope</html>")})
	_, err := src.Load(context.Background(), nil)
	if playlist.ProblemOf(err) != playlist.NotPlaylist {
		t.Fatalf("error %v", err)
	}
}

func TestLoadURL(t *testing.T) {
	data, _ := os.ReadFile(small)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/tv.m3u.gz":
			ua = r.UserAgent()
			w.Write(gz.Bytes())
		case "/big.m3u":
			w.Write(bytes.Repeat(data, 100))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	t.Run("gzip file", func(t *testing.T) {
		src, _ := Parse(srv.URL+"/tv.m3u.gz", Options{UserAgent: "tuner/test"})
		var done int64
		p, err := src.Load(context.Background(), func(d, total int64) { done = d })
		if err != nil {
			t.Fatal(err)
		}
		if p.Channels.Len() != 2 || p.Channels.At(1).Source != host+"/tv.m3u.gz" || ua != "tuner/test" || done != int64(gz.Len()) {
			t.Errorf("channels %+v, UA %q, progress %d", p.Channels, ua, done)
		}
	})
	t.Run("not found", func(t *testing.T) {
		src, _ := Parse(srv.URL+"/missing.m3u?password=hunter22", Options{})
		_, err := src.Load(context.Background(), nil)
		if err == nil || err.Error() != host+"/missing.m3u: not found (HTTP 404)" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		src, _ := Parse(srv.URL+"/big.m3u", Options{HTTP: remote.Options{MaxBytes: 4 << 10}})
		_, err := src.Load(context.Background(), nil)
		if err == nil || err.Error() != host+"/big.m3u: too large (over 4 KB)" {
			t.Fatalf("error %v", err)
		}
	})
}

// A get.php URL is read through the API; when the panel's API does not
// answer with its JSON, the URL itself is read as M3U.
func TestLoadGetPHP(t *testing.T) {
	data, _ := os.ReadFile(small)
	tests := []struct {
		name     string
		api      string
		channels int
		account  bool
	}{
		{"through the API", "api", 1, true},
		{"API not available", "html", 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/get.php":
					w.Write(data)
				case tt.api == "html":
					w.Write([]byte("<html>API disabled</html>"))
				case r.URL.Query().Get("action") == "":
					w.Write([]byte(`{"user_info":{"auth":1,"status":"Active","max_connections":"1"},"server_info":{}}`))
				case r.URL.Query().Get("action") == "get_live_categories":
					w.Write([]byte(`[{"category_id":"1","category_name":"News"}]`))
				default:
					w.Write([]byte(`[{"num":1,"name":"API One","stream_id":7,"category_id":"1"}]`))
				}
			}))
			defer srv.Close()
			src, err := Parse(srv.URL+"/get.php?username=bob&password=hunter22&type=m3u_plus", Options{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := src.Load(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Channels.Len() != tt.channels || (p.Account != nil) != tt.account || p.Channels.At(0).Source != src.Name() {
				t.Errorf("%d channels, account %v, source %q", p.Channels.Len(), p.Account, p.Channels.At(0).Source)
			}
		})
	}
}

func TestGetPHPOutputPicksContainer(t *testing.T) {
	tests := map[string]string{"": "", "&output=ts": "ts", "&output=m3u8": "m3u8", "&output=hls": "m3u8", "&output=rtmp": ""}
	for q, want := range tests {
		src, err := Parse("http://panel.invalid/get.php?username=u&password=p&type=m3u_plus"+q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := src.(*Xtream).Client().Output; got != want {
			t.Errorf("%q: output %q, want %q", q, got, want)
		}
	}
}

func TestXtreamRefusedNamesAccount(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"user_info":{"auth":0}}`))
	}))
	defer srv.Close()
	src := NewXtream(srv.URL, "bob", "hunter22", Options{})
	_, err := src.Load(context.Background(), nil)
	want := "bob@" + strings.TrimPrefix(srv.URL, "http://") + ": credentials rejected (auth 0)"
	var pe *playlist.Error
	if !errors.As(err, &pe) || err.Error() != want || pe.Problem != playlist.Refused {
		t.Fatalf("error %v, want %q", err, want)
	}
}
