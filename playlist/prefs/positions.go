package prefs

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/playlist"
)

// PositionsFile is the name of the resume positions file inside the state
// directory, beside the preferences.
const PositionsFile = "positions.json"

// positionsLock is taken around every read-merge-write, so two tuners that
// stop a film at the same time both keep theirs.
const positionsLock = "positions.lock"

// MaxPositions is how many titles keep a position; the least recently
// stopped are forgotten first.
const MaxPositions = 5000

// WatchedShare is the share of a title's length from which it counts as
// watched.
const WatchedShare = 0.9

// position is one title's resume point, in whole milliseconds so the file
// stays readable.
type position struct {
	Pos    int64 `json:"pos_ms"`
	Length int64 `json:"length_ms,omitempty"`
	At     int64 `json:"at"` // unix seconds of the stop; orders the trimming
}

// Positions keeps where each movie and episode was left, in one JSON file
// shared by every tuner of the user. It implements session.Positions. It is
// safe for concurrent use.
type Positions struct {
	dir string // "" for a store that is never written
	now func() time.Time

	mu   sync.Mutex
	data map[string]position
}

// OpenPositions reads the positions file in dir; a missing one is empty. A
// damaged one is not an error: positions are a convenience, and the next
// write replaces it.
func OpenPositions(dir string) *Positions {
	p := &Positions{dir: dir, now: time.Now}
	p.data, _ = p.load()
	return p
}

// MemoryPositions is a store that is never written, for tests and for when
// the state directory is unusable.
func MemoryPositions() *Positions {
	return &Positions{now: time.Now, data: map[string]position{}}
}

// PositionKey is what a title's position is kept under: its source, kind
// and stream id, or, for an entry with no id (an M3U line), its URL with
// the credentials masked, so the file never holds a password.
func PositionKey(ch playlist.Channel) string {
	id := ""
	if ch.Extra != nil {
		id = ch.Extra.StreamID
	}
	if id == "" {
		id = "url:" + playlist.MaskURL(ch.URL)
	}
	return SourceKey(ch.Source) + "|" + ch.Kind().String() + "|" + id
}

// Position is where ch was left; watched once it was played to 90 % of its
// length or more.
func (p *Positions) Position(ch playlist.Channel) (pos, length time.Duration, watched bool) {
	p.mu.Lock()
	e, ok := p.data[PositionKey(ch)]
	p.mu.Unlock()
	if !ok {
		return 0, 0, false
	}
	pos, length = time.Duration(e.Pos)*time.Millisecond, time.Duration(e.Length)*time.Millisecond
	return pos, length, Watched(pos, length)
}

// Watched reports whether pos is at least 90 % of a known length.
func Watched(pos, length time.Duration) bool {
	return length > 0 && float64(pos) >= WatchedShare*float64(length)
}

// SetPosition records that ch stopped at pos of length, merging what other
// tuners wrote since this one last read the file.
func (p *Positions) SetPosition(ch playlist.Channel, pos, length time.Duration) error {
	if pos < 0 || length < 0 {
		return fmt.Errorf("position %s of %s: negative", pos, length)
	}
	e := position{Pos: pos.Milliseconds(), Length: length.Milliseconds(), At: p.now().Unix()}
	key := PositionKey(ch)
	if p.dir == "" {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.data[key] = e
		trim(p.data, MaxPositions)
		return nil
	}
	return p.locked(func() error {
		disk, err := p.load()
		if err != nil {
			disk = map[string]position{} // damaged: this write replaces it
		}
		disk[key] = e
		trim(disk, MaxPositions)
		if err := p.save(disk); err != nil {
			return err
		}
		p.mu.Lock()
		p.data = disk
		p.mu.Unlock()
		return nil
	})
}

// trim keeps the max most recently stopped entries.
func trim(data map[string]position, max int) {
	if len(data) <= max {
		return
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	// Newest first; the key breaks ties so the outcome does not depend on
	// map order.
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(data[b].At, data[a].At), strings.Compare(a, b))
	})
	for _, k := range keys[max:] {
		delete(data, k)
	}
}

func (p *Positions) path() string { return filepath.Join(p.dir, PositionsFile) }

func (p *Positions) load() (map[string]position, error) {
	data := map[string]position{}
	if p.dir == "" {
		return data, nil
	}
	b, err := atomicfile.ReadRegular(p.path(), maxFile)
	if errors.Is(err, fs.ErrNotExist) {
		return data, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &data)
	}
	if err != nil {
		return map[string]position{}, err
	}
	return data, nil
}

func (p *Positions) save(data map[string]position) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("%s: cannot encode positions: %v", p.path(), err)
	}
	if err := atomicfile.Write(p.path(), append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("%s: cannot save positions: %w", p.path(), err)
	}
	return nil
}

// locked runs fn holding the positions file lock, shared by every tuner.
func (p *Positions) locked(fn func() error) error {
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(p.dir, positionsLock), os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	defer f.Close()
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("positions: lock: %w", err)
	}
	defer unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return fn()
}
