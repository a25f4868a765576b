package schedule

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/playlist"
)

const (
	// File is the schedule's name inside the state folder.
	File     = "schedule.json"
	lockFile = "schedule.lock"
	// maxFile bounds a read; thousands of entries take far less.
	maxFile = 8 << 20
	// keepFinished is how many final entries stay listed, newest first.
	keepFinished = 200
)

// ErrNotFound is returned for an id the schedule does not hold.
var ErrNotFound = errors.New("no such scheduled recording")

// Schedule is the schedule file in one folder. Every call takes the file
// lock afresh and reads the file, so several processes share it.
type Schedule struct {
	dir string
	now func() time.Time
	mu  sync.Mutex // flock is per open file; this keeps one process's goroutines in line too
}

// Open is the schedule in dir (the state folder); nothing is read yet.
func Open(dir string) *Schedule { return &Schedule{dir: dir, now: time.Now} }

// Path is the schedule file.
func (s *Schedule) Path() string { return filepath.Join(s.dir, File) }

// List is every entry, by padded start.
func (s *Schedule) List() ([]Entry, error) {
	var out []Entry
	err := s.locked(func() error {
		var err error
		out, err = s.load()
		return err
	})
	return out, err
}

// Add schedules e: it gets an id and the state scheduled. An entry whose
// padded window overlaps others on the same account so that more would
// record at once than the account's limit allows is refused with an
// *OverlapError naming one of them.
func (s *Schedule) Add(e Entry) (Entry, error) {
	if err := e.check(); err != nil {
		return Entry{}, err
	}
	e.ID, e.State, e.File, e.Error = newID(), Scheduled, "", ""
	e.URL = playlist.MaskURL(e.URL)
	if e.Created.IsZero() {
		e.Created = s.now()
	}
	err := s.locked(func() error {
		all, err := s.load()
		if err != nil {
			return err
		}
		if err := overlap(all, e); err != nil {
			return err
		}
		return s.save(append(all, e))
	})
	if err != nil {
		return Entry{}, err
	}
	return e, nil
}

// Update changes the entry with id through fn and returns it as saved.
func (s *Schedule) Update(id string, fn func(*Entry)) (Entry, error) {
	var out Entry
	err := s.locked(func() error {
		all, err := s.load()
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(e Entry) bool { return e.ID == id })
		if i < 0 {
			return fmt.Errorf("%s: %w", id, ErrNotFound)
		}
		fn(&all[i])
		all[i].ID = id
		all[i].URL = playlist.MaskURL(all[i].URL)
		all[i].Error = playlist.MaskURL(all[i].Error)
		out = all[i]
		return s.save(all)
	})
	return out, err
}

// ErrFinal is returned for cancelling an entry that is no longer to come
// or under way.
var ErrFinal = errors.New("no longer scheduled")

// Cancel marks a scheduled or recording entry cancelled; a recorder that
// runs it stops it. An entry already done, failed or cancelled is left as
// it is, with an error wrapping ErrFinal.
func (s *Schedule) Cancel(id string) (Entry, error) {
	was := Scheduled
	e, err := s.Update(id, func(e *Entry) {
		if was = e.State; e.Active() {
			e.State = Cancelled
		}
	})
	if err == nil && was != Scheduled && was != Recording {
		err = fmt.Errorf("%s is %s already: %w", e.Name(), was, ErrFinal)
	}
	return e, err
}

type fileData struct {
	Entries []Entry `json:"entries"`
}

func (s *Schedule) load() ([]Entry, error) {
	b, err := atomicfile.ReadRegular(s.Path(), maxFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	var f fileData
	if err := json.Unmarshal(b, &f); err != nil {
		// Not replaced silently: it holds what a person asked to record.
		return nil, fmt.Errorf("schedule %s: unreadable (%v); move it away to start a new one", s.Path(), err)
	}
	sortEntries(f.Entries)
	return f.Entries, nil
}

func (s *Schedule) save(all []Entry) error {
	sortEntries(all)
	all = trimFinished(all, keepFinished)
	b, err := json.MarshalIndent(fileData{Entries: all}, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(s.Path(), append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	return nil
}

func sortEntries(all []Entry) {
	slices.SortStableFunc(all, func(a, b Entry) int { return a.From().Compare(b.From()) })
}

// trimFinished drops the oldest final entries beyond keep; the active
// ones always stay.
func trimFinished(all []Entry, keep int) []Entry {
	n := 0
	for _, e := range all {
		if !e.Active() {
			n++
		}
	}
	drop := n - keep
	if drop <= 0 {
		return all
	}
	return slices.DeleteFunc(all, func(e Entry) bool {
		if drop > 0 && !e.Active() {
			drop--
			return true
		}
		return false
	})
}

// locked runs fn holding the schedule's exclusive file lock.
func (s *Schedule) locked(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(s.dir, lockFile), os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	defer f.Close()
	if err := flock(f, unix.LOCK_EX); err != nil {
		return fmt.Errorf("schedule: lock: %w", err)
	}
	defer unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return fn()
}

func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

func newID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
