// Package cache keeps the last good copy of each source on disk, so a second
// start can show channels at once while a fresh copy loads.
//
// Copies live under $XDG_CACHE_HOME/tuner (else ~/.cache/tuner), one file per
// source, named by a hash of the source's key. Keys carry the username but
// never a password. The copies themselves do hold passwords where the
// provider put them in channel URLs (Xtream stream URLs always do), so the
// directory is 0700 and every file 0600.
//
// Load maps a copy into memory and hands out strings that point into the
// mapping instead of copies of them (see format.go). The rule that keeps this
// safe: a mapping is never written and never unmapped once a playlist was
// built from it, since nothing can tell when the last string from it is
// dropped; Save never rewrites a file in place but writes a new one and
// renames it over the old, so a mapping of the old copy keeps its own bytes.
// A Cache maps each version of a file once and reuses that mapping, so a
// process holds at most one mapping per copy it has seen. A copy truncated in
// place by some other program would fault on access; tuner never does that.
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
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// ErrMiss is returned by Load when there is no usable copy.
var ErrMiss = errors.New("no cached copy")

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("file too large")
)

// maxCopy bounds a cached copy read back: far beyond the largest playlist
// seen, and a file that is larger was not written by tuner.
const maxCopy = 2 << 30

// Cache is a directory of cached playlists.
type Cache struct {
	Dir string
	Now func() time.Time // for tests; time.Now when nil

	mu     sync.Mutex
	mapped map[string]mapping // by path: the last mapping Load made of it
}

// mapping is a file's bytes as mapped, and which file they are.
type mapping struct {
	fi   fs.FileInfo
	data []byte
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

// Load returns key's copy and its age. A missing, unreadable or corrupt copy
// is ErrMiss (wrapped with the reason): a cache never stops a load.
// A copy in the format of another version is a miss too, and so rebuilt
// from its source.
func (c *Cache) Load(key string) (*playlist.Playlist, time.Duration, error) {
	return c.aged(c.load(c.Path(key)))
}

// aged is a load's answer as callers take it: any failure a miss, saying
// why unless the copy is simply not there, and the copy's age.
func (c *Cache) aged(p *playlist.Playlist, saved time.Time, err error) (*playlist.Playlist, time.Duration, error) {
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, ErrMiss
		}
		return nil, 0, fmt.Errorf("%w: %v", ErrMiss, err)
	}
	return p, max(c.now().Sub(saved), 0), nil
}

// load decodes the copy at path. A file mapped for the first time has its
// checksum verified on a second core while it is decoded, and is kept for
// later loads only once it passed; one that fails is unmapped, since the
// playlist built from it is dropped before anyone saw it.
func (c *Cache) load(path string) (*playlist.Playlist, time.Time, error) {
	data, fi, err := c.mapFile(path)
	if err != nil || fi == nil { // a failure, or a mapping verified before
		return decodeOrErr(data, err)
	}
	sum := make(chan error, 1)
	go func() { sum <- checkBody(data) }()
	p, saved, err := decode(data)
	if cerr := <-sum; err == nil {
		err = cerr
	}
	if err != nil {
		unmap(data)
		return nil, time.Time{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mapped == nil {
		c.mapped = map[string]mapping{}
	}
	c.mapped[path] = mapping{fi: fi, data: data}
	return p, saved, nil
}

func decodeOrErr(data []byte, err error) (*playlist.Playlist, time.Time, error) {
	if err != nil {
		return nil, time.Time{}, err
	}
	return decode(data)
}

// mapFile returns the verified mapping already made of the file at path,
// with fresh nil, or maps the file afresh after checking its header, with
// fresh the file's info for load to keep the mapping under once the
// checksum passed.
func (c *Cache) mapFile(path string) (data []byte, fresh fs.FileInfo, err error) {
	f, err := openCopy(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	switch {
	case !fi.Mode().IsRegular():
		return nil, nil, errNotRegular
	case fi.Size() > maxCopy:
		return nil, nil, errTooLarge
	case fi.Size() < headerSize:
		return nil, nil, errCorrupt
	}
	c.mu.Lock()
	m, ok := c.mapped[path]
	c.mu.Unlock()
	if ok && os.SameFile(m.fi, fi) && m.fi.Size() == fi.Size() && m.fi.ModTime().Equal(fi.ModTime()) {
		return m.data, nil, nil
	}
	data, err = mapFile(f, int(fi.Size()))
	if err != nil {
		return nil, nil, err
	}
	if _, err := readHeader(data); err != nil {
		unmap(data)
		return nil, nil, err
	}
	return data, fi, nil
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
