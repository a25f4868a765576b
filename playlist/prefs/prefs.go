// Package prefs keeps what a person chose to remember about channels: their
// favourites and what they played recently, per source (an account by its
// username and host, see SourceKey).
//
// Channels are remembered by stream id, or by name and tvg-id, never by URL:
// a URL changes with the provider's address, and this file must never hold
// anything a URL might carry.
package prefs

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/tuner-iptv/tuner/playlist"
)

// FileName is the name of the preferences file inside the state directory.
const FileName = "prefs.json"

// MaxRecent is how many recently played channels are kept per source.
const MaxRecent = 50

// Ref names a channel in a way that survives a playlist reload: by its
// stream id when the provider gave one, else by name and tvg-id.
type Ref struct {
	Name     string `json:"name"`
	TvgID    string `json:"tvg_id,omitempty"`
	StreamID string `json:"stream_id,omitempty"`
}

// RefOf returns the Ref of a channel.
func RefOf(ch *playlist.Channel) Ref { return RefOfBrief(ch.Brief()) }

// RefOfBrief returns the Ref of the channel b is the Brief of.
func RefOfBrief(b playlist.Brief) Ref {
	return Ref{Name: b.Name, TvgID: b.TvgID, StreamID: b.StreamID}
}

type sourcePrefs struct {
	Favorites []Ref `json:"favorites,omitempty"`
	Recent    []Ref `json:"recent,omitempty"` // newest first
}

type fileData struct {
	Sources map[string]*sourcePrefs `json:"sources"`
}

// Store holds favourites and recents in memory and writes them to one JSON
// file. Changes are made in memory (cheap, safe from a UI loop) and written by
// Save, so the caller decides where the I/O happens. It is safe for concurrent
// use.
type Store struct {
	path    string
	warning string

	mu   sync.Mutex
	data fileData

	writeMu sync.Mutex // serialises Save so an older snapshot never lands last
}

// DefaultDir returns $XDG_STATE_HOME/tuner, or ~/.local/state/tuner when
// XDG_STATE_HOME is unset or relative.
func DefaultDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "tuner")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".local", "state", "tuner")
}

// maxFile bounds the preferences file read back; tuner never writes one
// nearly this large.
const maxFile = 16 << 20

// DamagedSuffix names where a damaged preferences file is kept aside.
const DamagedSuffix = ".damaged"

// Open reads the preferences file in dir. A missing file is an empty store.
// A damaged one (not JSON, not a regular file, far too large) is moved
// aside to prefs.json.damaged and the store starts afresh and is saved, so
// what is chosen from now on is kept; Warning says what happened. Only a
// file that cannot be read or moved at all is an error.
func Open(dir string) (*Store, error) {
	s := &Store{path: filepath.Join(dir, FileName)}
	s.data.Sources = map[string]*sourcePrefs{}
	b, err := atomicfile.ReadRegular(s.path, maxFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	damage := err
	if err == nil {
		damage = json.Unmarshal(b, &s.data)
	} else if !errors.Is(err, atomicfile.ErrNotRegular) && !errors.Is(err, atomicfile.ErrTooLarge) {
		return nil, fmt.Errorf("%s: cannot read preferences: %w", s.path, err)
	}
	if damage != nil {
		return s.setAside(damage)
	}
	s.data.Sources = migrate(s.data.Sources)
	return s, nil
}

// setAside keeps a damaged file for whoever wants to mend it and starts
// the store empty.
func (s *Store) setAside(damage error) (*Store, error) {
	s.data = fileData{Sources: map[string]*sourcePrefs{}}
	kept := s.path + DamagedSuffix
	if err := os.Rename(s.path, kept); err != nil {
		return nil, fmt.Errorf("%s: preferences are damaged (%v) and cannot be moved aside: %w", s.path, damage, err)
	}
	// The file names come first: a status bar cuts the line at its width.
	s.warning = fmt.Sprintf("%s was damaged and is kept as %s; favourites and recents start afresh (%v)",
		FileName, filepath.Base(kept), damage)
	if err := s.Save(); err != nil {
		return nil, err
	}
	return s, nil
}

// Warning says, once Open had to set a damaged file aside, what happened
// and where the old file is; it is empty otherwise.
func (s *Store) Warning() string { return s.warning }

// Memory returns a store that is never written, for tests and for when the
// state directory is unusable.
func Memory() *Store {
	return &Store{data: fileData{Sources: map[string]*sourcePrefs{}}}
}

// Path returns the file the store writes, or "" for a memory store.
func (s *Store) Path() string { return s.path }

func (s *Store) source(name string) *sourcePrefs {
	p := s.data.Sources[SourceKey(name)]
	if p == nil {
		p = &sourcePrefs{}
		s.data.Sources[SourceKey(name)] = p
	}
	return p
}

// Favorites returns the source's favourites in the order they were added.
func (s *Store) Favorites(source string) []Ref {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.data.Sources[SourceKey(source)]; p != nil {
		return slices.Clone(p.Favorites)
	}
	return nil
}

// IsFavorite reports whether r is a favourite of source.
func (s *Store) IsFavorite(source string, r Ref) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.data.Sources[SourceKey(source)]
	return p != nil && indexOf(p.Favorites, r) >= 0
}

// SetFavorite adds or removes r from the source's favourites.
func (s *Store) SetFavorite(source string, r Ref, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.source(source)
	i := indexOf(p.Favorites, r)
	switch {
	case on && i < 0:
		p.Favorites = append(p.Favorites, r)
	case !on && i >= 0:
		p.Favorites = slices.Delete(p.Favorites, i, i+1)
	}
}

// Recent returns the source's recently played channels, newest first.
func (s *Store) Recent(source string) []Ref {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.data.Sources[SourceKey(source)]; p != nil {
		return slices.Clone(p.Recent)
	}
	return nil
}

// AddRecent puts r first in the source's recents, keeping at most MaxRecent.
func (s *Store) AddRecent(source string, r Ref) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.source(source)
	if i := indexOf(p.Recent, r); i >= 0 {
		p.Recent = slices.Delete(p.Recent, i, i+1)
	}
	p.Recent = slices.Insert(p.Recent, 0, r)
	if len(p.Recent) > MaxRecent {
		p.Recent = p.Recent[:MaxRecent]
	}
}

// Save writes the store to its file atomically: a reader sees the old file or
// the new one, never half of either.
func (s *Store) Save() error {
	if s.path == "" {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.Lock()
	b, err := json.MarshalIndent(&s.data, "", "  ")
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: cannot encode preferences: %v", s.path, err)
	}
	if err := atomicfile.Write(s.path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("%s: cannot save preferences: %w", s.path, err)
	}
	return nil
}
