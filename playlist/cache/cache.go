// Package cache keeps the last good copy of each source on disk, so a second
// start can show channels at once while a fresh copy loads.
//
// Copies live under $XDG_CACHE_HOME/tuner (else ~/.cache/tuner), one file per
// source, named by a hash of the source's key. Keys carry the username but
// never a password. The copies themselves do hold passwords where the
// provider put them in channel URLs (Xtream stream URLs always do), so the
// directory is 0700 and every file 0600.
package cache

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/playlist"
)

// ErrMiss is returned by Load when there is no usable copy.
var ErrMiss = errors.New("no cached copy")

// Cache is a directory of cached playlists.
type Cache struct {
	Dir string
	Now func() time.Time // for tests; time.Now when nil
}

// New returns a cache in dir.
func New(dir string) *Cache { return &Cache{Dir: dir} }

// DefaultDir is $XDG_CACHE_HOME/tuner, or ~/.cache/tuner when the variable
// is unset or not absolute.
func DefaultDir() string {
	if d := os.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "tuner")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".cache", "tuner")
}

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Path is the file that holds key's copy. The name is a hash, so a listing
// of the directory reveals neither hosts nor usernames.
func (c *Cache) Path(key string) string {
	sum := sha256.Sum256([]byte("tuner cache\x00" + key))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:16])+".playlist")
}

// maxCopy bounds a cached copy read back: far beyond the largest playlist
// seen, and a file that is larger was not written by tuner.
const maxCopy = 2 << 30

// Load returns key's copy and its age. A missing, unreadable or corrupt copy
// is ErrMiss (wrapped with the reason): a cache never stops a load.
func (c *Cache) Load(key string) (*playlist.Playlist, time.Duration, error) {
	data, err := atomicfile.ReadRegular(c.Path(key), maxCopy)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, ErrMiss
		}
		return nil, 0, fmt.Errorf("%w: %v", ErrMiss, err)
	}
	p, saved, err := decode(data)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrMiss, err)
	}
	return p, max(c.now().Sub(saved), 0), nil
}

// Save writes key's copy atomically: readers see the old copy or the new
// one, never a part.
func (c *Cache) Save(key string, p *playlist.Playlist) error {
	if err := c.ensureDir(); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = c.write(f, p)
	if err == nil {
		err = os.Rename(tmp, c.Path(key))
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// write fills and closes the temporary file, private before any byte lands.
func (c *Cache) write(f *os.File, p *playlist.Playlist) error {
	err := f.Chmod(0o600)
	if err == nil {
		bw := bufio.NewWriterSize(f, 1<<20)
		if err = encode(bw, p, c.now()); err == nil {
			err = bw.Flush()
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Remove deletes key's copy, if any.
func (c *Cache) Remove(key string) error {
	err := os.Remove(c.Path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// ensureDir creates the directory private, and makes an existing one
// private too: it holds stream URLs with passwords.
func (c *Cache) ensureDir() error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Stat(c.Dir)
	if err != nil {
		return err
	}
	if fi.Mode().Perm() != 0o700 {
		return os.Chmod(c.Dir, 0o700)
	}
	return nil
}
