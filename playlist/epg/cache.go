package epg

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/playlist"
)

// DefaultRefreshInterval is how old a cached guide may get before it is
// fetched again.
const DefaultRefreshInterval = 12 * time.Hour

// NeedsRefresh reports whether a guide of this age should be fetched again;
// an interval of zero or less means DefaultRefreshInterval.
func NeedsRefresh(age, interval time.Duration) bool {
	if interval <= 0 {
		interval = DefaultRefreshInterval
	}
	return age < 0 || age >= interval
}

// Age is how long ago the guide was fetched.
func (g *Guide) Age(now time.Time) time.Duration { return now.Sub(g.FetchedAt) }

// Cache keeps parsed guides on disk, one file per set of guide sources.
type Cache struct {
	Dir string
}

// DefaultCache is the cache under $XDG_CACHE_HOME/tuner/epg, or
// ~/.cache/tuner/epg when the variable is unset or not absolute, beside the
// playlist cache.
func DefaultCache() *Cache {
	if d := os.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return &Cache{Dir: filepath.Join(d, "tuner", "epg")}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return &Cache{Dir: filepath.Join(home, ".cache", "tuner", "epg")}
}

// CacheKey names the cache entry of a set of guide sources. The sources may
// carry credentials, so only a hash of them is used.
func CacheKey(sources []string) string {
	s := append([]string(nil), sources...)
	sort.Strings(s)
	sum := sha256.Sum256([]byte(strings.Join(s, "\n")))
	return hex.EncodeToString(sum[:12])
}

func (c *Cache) path(key string) string { return filepath.Join(c.Dir, key+".guide") }

// Save writes the guide atomically: readers see the old file or the new one.
func (c *Cache) Save(key string, g *Guide) error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return c.err("cannot create the cache directory", err)
	}
	tmp, err := os.CreateTemp(c.Dir, key+".*.tmp")
	if err != nil {
		return c.err("cannot write the cache", err)
	}
	defer os.Remove(tmp.Name())
	err = writeGuide(tmp, g)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path(key))
	}
	if err != nil {
		return c.err("cannot write the cache", err)
	}
	return nil
}

// Load reads a cached guide. A missing entry is an error with Problem
// NotFound; a damaged one is Invalid.
func (c *Cache) Load(key string) (*Guide, error) {
	f, err := atomicfile.OpenRegular(c.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &playlist.Error{Source: "guide cache", Problem: playlist.NotFound, Detail: "no cached guide", Err: err}
	}
	if err != nil {
		return nil, c.err("cannot read the cache", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, c.err("cannot read the cache", err)
	}
	g, err := readGuide(f, st.Size())
	if err != nil {
		return nil, c.err("cached guide is damaged", err)
	}
	return g, nil
}

func (c *Cache) err(detail string, err error) error {
	return &playlist.Error{Source: "guide cache", Problem: playlist.Invalid, Detail: detail, Err: err}
}

// Loader fetches and parses a guide, typically by calling LoadURLs. It may
// return a partial guide together with an error.
type Loader func(ctx context.Context) (*Guide, error)

// StaleError is a refresh that failed while an older guide was kept.
type StaleError struct {
	Age time.Duration // age of the guide kept
	Err error
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("guide refresh failed, keeping the guide from %s ago: %v", e.Age.Round(time.Minute), e.Err)
}

func (e *StaleError) Unwrap() error { return e.Err }

// Refresh loads a fresh guide and saves it. When loading fails, or only
// part of the guides could be read, and an older guide exists (old, or else
// the cached one), that older guide is returned together with a
// *StaleError: the guide is never lost to a failed refresh. Without an older
// guide, a partial guide is saved and returned with the error.
func (c *Cache) Refresh(ctx context.Context, key string, old *Guide, load Loader) (*Guide, error) {
	g, err := load(ctx)
	if err == nil {
		if serr := c.Save(key, g); serr != nil {
			return g, serr
		}
		return g, nil
	}
	if old == nil {
		old, _ = c.Load(key)
	}
	if old != nil {
		return old, &StaleError{Age: old.Age(time.Now()), Err: err}
	}
	if g != nil {
		_ = c.Save(key, g) // best effort; the load error is the news
	}
	return g, err
}

// Get returns the cached guide when it is younger than interval, else
// refreshes it as Refresh does.
func (c *Cache) Get(ctx context.Context, key string, interval time.Duration, load Loader) (*Guide, error) {
	old, err := c.Load(key)
	if err == nil && !NeedsRefresh(old.Age(time.Now()), interval) {
		return old, nil
	}
	return c.Refresh(ctx, key, old, load)
}
