package epg

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func sampleGuide(t *testing.T) *Guide {
	t.Helper()
	g, err := ParseFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// everything lists what a guide answers, for comparing two guides.
func everything(g *Guide) []any {
	var out []any
	for i := range g.NumChannels() {
		ch := g.Channel(i)
		k, _ := g.Lookup(ch.ID)
		out = append(out, ch, g.Schedule(k, time.Unix(0, 0), time.Unix(1<<40, 0)))
	}
	return append(out, g.Stats, g.Sources, g.FetchedAt.UnixNano())
}

func TestCacheRoundTrip(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "epg")}
	g := sampleGuide(t)
	key := CacheKey([]string{"http://example.test/guide.xml?password=secret"})
	if err := c.Save(key, g); err != nil {
		t.Fatal(err)
	}
	got, err := c.Load(key)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(everything(got), everything(g)) {
		t.Errorf("round trip differs:\n got %v\nwant %v", everything(got), everything(g))
	}
	entries, _ := os.ReadDir(c.Dir)
	if len(entries) != 1 || strings.Contains(entries[0].Name(), "secret") {
		t.Errorf("cache dir holds %v, want one file named by a hash", entries)
	}
	m := Match([]playlist.Channel{{Name: "BBC One HD"}}, got)
	if m.Matched != 1 {
		t.Error("loaded guide does not match by name")
	}
}

func TestCacheDamaged(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	if err := c.Save("k", sampleGuide(t)); err != nil {
		t.Fatal(err)
	}
	path := c.path("k")
	data, _ := os.ReadFile(path)
	for _, damage := range []struct {
		name string
		data []byte
	}{
		{"truncated", data[:len(data)/2]},
		{"flipped byte", func() []byte { d := append([]byte(nil), data...); d[len(d)/2] ^= 0xff; return d }()},
		{"not a cache", []byte("hello")},
	} {
		os.WriteFile(path, damage.data, 0o644)
		if _, err := c.Load("k"); playlist.ProblemOf(err) != playlist.Invalid {
			t.Errorf("%s: err = %v, want Invalid", damage.name, err)
		}
	}
	if _, err := c.Load("missing"); playlist.ProblemOf(err) != playlist.NotFound {
		t.Errorf("missing: err = %v", err)
	}
}

func TestNeedsRefresh(t *testing.T) {
	tests := []struct {
		age, interval time.Duration
		want          bool
	}{
		{time.Hour, 0, false},
		{12 * time.Hour, 0, true},
		{11*time.Hour + 59*time.Minute, 0, false},
		{2 * time.Hour, time.Hour, true},
		{30 * time.Minute, time.Hour, false},
		{-time.Minute, time.Hour, true}, // clock moved back: do not trust the cache
	}
	for _, tt := range tests {
		if got := NeedsRefresh(tt.age, tt.interval); got != tt.want {
			t.Errorf("NeedsRefresh(%v, %v) = %v", tt.age, tt.interval, got)
		}
	}
}

func TestRefresh(t *testing.T) {
	ctx := context.Background()
	fresh := parseString(t, threeShows)
	fail := errors.New("guide.example: refused with HTTP 401")
	loadOK := func(context.Context) (*Guide, error) { return fresh, nil }
	loadFail := func(context.Context) (*Guide, error) { return nil, fail }
	loadPartial := func(context.Context) (*Guide, error) { return fresh, fail }

	t.Run("failed refresh keeps the cached guide and says so", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		old := sampleGuide(t)
		old.FetchedAt = time.Now().Add(-13 * time.Hour)
		c.Save("k", old)
		g, err := c.Get(ctx, "k", 0, loadFail)
		var se *StaleError
		if !errors.As(err, &se) || !errors.Is(err, fail) || se.Age < 13*time.Hour {
			t.Fatalf("err = %v, want a StaleError wrapping the load error", err)
		}
		if g == nil || g.Stats.Programmes != old.Stats.Programmes {
			t.Fatalf("guide = %v, want the old one", g)
		}
		if !strings.Contains(err.Error(), "keeping the guide from 13h0m0s ago") {
			t.Errorf("message %q", err)
		}
	})
	t.Run("partial refresh keeps the old guide", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		old := sampleGuide(t)
		g, err := c.Refresh(ctx, "k", old, loadPartial)
		if g != old || !errors.Is(err, fail) {
			t.Errorf("got %p, %v; want the old guide and the error", g, err)
		}
	})
	t.Run("partial refresh without an old guide is used and saved", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		g, err := c.Refresh(ctx, "k", nil, loadPartial)
		if g != fresh || !errors.Is(err, fail) {
			t.Errorf("got %p, %v", g, err)
		}
		if _, err := c.Load("k"); err != nil {
			t.Errorf("partial guide not saved: %v", err)
		}
	})
	t.Run("fresh cache is not reloaded", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		old := sampleGuide(t)
		c.Save("k", old)
		g, err := c.Get(ctx, "k", time.Hour, func(context.Context) (*Guide, error) {
			t.Error("loader called for a fresh cache")
			return nil, fail
		})
		if err != nil || g.Stats.Programmes != old.Stats.Programmes {
			t.Errorf("got %v, %v", g, err)
		}
	})
	t.Run("stale cache is replaced", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		old := sampleGuide(t)
		old.FetchedAt = time.Now().Add(-24 * time.Hour)
		c.Save("k", old)
		g, err := c.Get(ctx, "k", 0, loadOK)
		if err != nil || g != fresh {
			t.Fatalf("got %v, %v", g, err)
		}
		if saved, _ := c.Load("k"); saved.Stats.Programmes != fresh.Stats.Programmes {
			t.Error("fresh guide not saved")
		}
	})
	t.Run("no cache and a failed load", func(t *testing.T) {
		c := &Cache{Dir: t.TempDir()}
		g, err := c.Get(ctx, "k", 0, loadFail)
		if g != nil || err != fail {
			t.Errorf("got %v, %v", g, err)
		}
	})
}

func TestDefaultCache(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "cache")
	t.Setenv("XDG_CACHE_HOME", abs)
	if c := DefaultCache(); c.Dir != filepath.Join(abs, "tuner", "epg") {
		t.Errorf("DefaultCache = %q", c.Dir)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "relative")
	if c := DefaultCache(); c.Dir != filepath.Join(home, ".cache", "tuner", "epg") {
		t.Errorf("relative XDG_CACHE_HOME: DefaultCache = %q", c.Dir)
	}
}
