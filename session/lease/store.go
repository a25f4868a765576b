package lease

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"

	"golang.org/x/sys/unix"
)

// KeepRecent is how many released leases the store keeps.
const KeepRecent = 50

const (
	stateFile = "leases.json"
	lockFile  = "leases.lock"
	// maxStateFile is far more than KeepRecent leases take; a larger file
	// was not written by tuner.
	maxStateFile = 16 << 20
)

// ErrNotFound is returned for a lease id the store does not hold.
var ErrNotFound = errors.New("no such lease")

// Store keeps leases in one JSON file, read and written under an exclusive
// flock on a separate lock file, and replaced atomically (temp file + rename)
// so a crash never leaves half a file. Every call takes the lock afresh, so
// two Stores on one directory — in one process or two — serialize.
type Store struct {
	dir string
	now func() time.Time
	mu  sync.Mutex // flock is per open file; this keeps one Store's goroutines in line too
}

type state struct {
	Active []Lease `json:"active"`
	Recent []Lease `json:"recent"` // newest first
}

// DefaultDir is $XDG_STATE_HOME/tuner, or ~/.local/state/tuner.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "tuner"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("lease store: no home directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "tuner"), nil
}

// Open returns the store in dir, creating it (mode 0700) if needed. An empty
// dir means DefaultDir.
func Open(dir string) (*Store, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("lease store %s: %w", dir, err)
	}
	return &Store{dir: dir, now: time.Now}, nil
}

// Dir is where the store keeps its files.
func (s *Store) Dir() string { return s.dir }

// Acquire records a new held lease and returns it with its id, tuner process,
// host name and start time filled in where they were empty.
func (s *Store) Acquire(l Lease) (Lease, error) {
	l.ID = newID()
	l.How, l.ReleasedAt = Held, time.Time{}
	if l.Tuner.IsZero() {
		l.Tuner = Self()
	}
	if l.Hostname == "" {
		l.Hostname = hostname()
	}
	if l.StartedAt.IsZero() {
		l.StartedAt = s.now()
	}
	err := s.update(func(st *state) error {
		st.Active = append(st.Active, l)
		return nil
	})
	return l, err
}

// Update changes a held lease (to add the player or the gate once known).
func (s *Store) Update(id string, change func(*Lease)) (Lease, error) {
	var out Lease
	err := s.update(func(st *state) error {
		i := slices.IndexFunc(st.Active, func(l Lease) bool { return l.ID == id })
		if i < 0 {
			return ErrNotFound
		}
		change(&st.Active[i])
		st.Active[i].ID = id
		out = st.Active[i]
		return nil
	})
	return out, err
}

// Release marks a held lease given back and moves it to the recent history.
// Releasing a lease that is already released is not an error: two paths (a
// signal and a player exit) may both try.
func (s *Store) Release(id string, how How) (Lease, error) {
	if how == Held {
		how = Clean
	}
	var out Lease
	err := s.update(func(st *state) error {
		i := slices.IndexFunc(st.Active, func(l Lease) bool { return l.ID == id })
		if i < 0 {
			if j := slices.IndexFunc(st.Recent, func(l Lease) bool { return l.ID == id }); j >= 0 {
				out = st.Recent[j]
				return nil
			}
			return ErrNotFound
		}
		out = st.Active[i]
		out.How, out.ReleasedAt = how, s.now()
		st.Active = slices.Delete(st.Active, i, i+1)
		st.Recent = append([]Lease{out}, st.Recent...)
		if len(st.Recent) > KeepRecent {
			st.Recent = st.Recent[:KeepRecent]
		}
		return nil
	})
	return out, err
}

// Active returns the held leases, oldest first.
func (s *Store) Active() ([]Lease, error) {
	st, err := s.read()
	return st.Active, err
}

// Recent returns released leases, newest first.
func (s *Store) Recent() ([]Lease, error) {
	st, err := s.read()
	return st.Recent, err
}

// Orphans returns held leases whose tuner process is gone (it crashed or was
// killed) on this host.
func (s *Store) Orphans() ([]Lease, error) {
	act, err := s.Active()
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(act, func(l Lease) bool { return !l.Orphaned() }), nil
}

func (s *Store) read() (state, error) {
	var st state
	err := s.locked(func() error {
		var err error
		st, err = s.load()
		return err
	})
	return st, err
}

func (s *Store) update(change func(*state) error) error {
	return s.locked(func() error {
		st, err := s.load()
		if err != nil {
			return err
		}
		if err := change(&st); err != nil {
			return err
		}
		return s.save(st)
	})
}

// locked runs fn holding the store's exclusive file lock.
func (s *Store) locked(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The folder may have been removed since Open; a write makes it again.
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("lease store %s: %w", s.dir, err)
	}
	f, err := os.OpenFile(filepath.Join(s.dir, lockFile), os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("lease store: %w", err)
	}
	defer f.Close()
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("lease store: lock %s: %w", f.Name(), err)
	}
	defer unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return fn()
}

func (s *Store) load() (state, error) {
	var st state
	b, err := atomicfile.ReadRegular(filepath.Join(s.dir, stateFile), maxStateFile)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("lease store: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("lease store %s: unreadable: %w", filepath.Join(s.dir, stateFile), err)
	}
	return st, nil
}

func (s *Store) save(st state) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("lease store: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(s.dir, stateFile), append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("lease store: %w", err)
	}
	return nil
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
}

// Recover looks for leases left by a tuner that is gone. A lease whose player
// still runs is returned in orphans and stays held, so the caller can offer to
// stop that player; a lease whose player is gone too is marked Recovered and
// returned in recovered.
func (s *Store) Recover() (orphans, recovered []Lease, err error) {
	err = s.update(func(st *state) error {
		orphans, recovered = nil, nil
		kept := st.Active[:0:0]
		for _, l := range st.Active {
			switch {
			case !l.Orphaned():
				kept = append(kept, l)
			case l.Player.Identified():
				orphans = append(orphans, l)
				kept = append(kept, l)
			default:
				l.How, l.ReleasedAt = Recovered, s.now()
				recovered = append(recovered, l)
				st.Recent = append([]Lease{l}, st.Recent...)
			}
		}
		st.Active = kept
		if len(st.Recent) > KeepRecent {
			st.Recent = st.Recent[:KeepRecent]
		}
		return nil
	})
	return orphans, recovered, err
}
