package record

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Clock is the time source of the waits between reconnects and of the
// stamps in the info file, so tests can run minutes of polite waiting at
// once (internal/clocktest).
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Options describe one recording.
type Options struct {
	// Dir is where the file and its info go; it is made (0700) if missing.
	Dir string
	// Channel names the recording; Title is the programme's, "" when not
	// known. Source and URL (masked) say where it came from.
	Channel, Title, Source, URL string
	// Until is when the recording ends by itself; zero records until
	// stopped.
	Until time.Time
	// Open opens one connection to the provider and returns its media as
	// the provider sends it (TS; session joins HLS segments). The reader
	// must end when ctx ends. An error means the provider could not be
	// reached or refused; Refused tells the two apart.
	Open func(ctx context.Context) (io.ReadCloser, error)
	// Refused reports an error that is the provider saying no (a 401): the
	// next try then waits longer, since the panel may still count a slot.
	Refused func(error) bool
	// Explain puts an error in the words the info file keeps (a refusal's
	// diagnosis); nil keeps the error's own text. Either is masked.
	Explain func(error) string
	// Waits are the pauses before successive reconnects; the last repeats.
	// A connection that lasted StableFor starts them over. Defaults: 3, 5,
	// 10, 20, 30 and 60 s, and a minute.
	Waits     []time.Duration
	StableFor time.Duration
	// StallAfter is how long the provider may send nothing before the
	// connection counts as cut; default 20 s.
	StallAfter time.Duration
	// SyncEvery is how often the file is synced to disk and the info file
	// rewritten with the size so far; default 5 s.
	SyncEvery time.Duration
	Clock     Clock
	Log       *slog.Logger
	// Remux is "mkv" to copy a finished recording's streams into a
	// Matroska file with ffmpeg (no transcoding), "" to keep the TS.
	Remux string
	// FFmpeg is the ffmpeg to remux with; "" looks it up in PATH.
	FFmpeg string

	// create makes the file; tests put a disk that fills up in its place.
	create func(dir, base string) (file, string, error)
}

// file is what a recording writes to: an *os.File, or a test's full disk.
type file interface {
	io.Writer
	Sync() error
	Close() error
}

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if len(o.Waits) == 0 {
		o.Waits = []time.Duration{3 * time.Second, 5 * time.Second, 10 * time.Second, 20 * time.Second, 30 * time.Second, time.Minute}
	}
	if o.StableFor <= 0 {
		o.StableFor = time.Minute
	}
	if o.StallAfter <= 0 {
		o.StallAfter = 20 * time.Second
	}
	if o.SyncEvery <= 0 {
		o.SyncEvery = 5 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Refused == nil {
		o.Refused = func(error) bool { return false }
	}
	if o.create == nil {
		o.create = func(dir, base string) (file, string, error) { return reserve(dir, base) }
	}
	return o
}

// words is what the info file says for err.
func (o Options) words(err error) string {
	if err == nil {
		return ""
	}
	if o.Explain != nil {
		if s := o.Explain(err); s != "" {
			return playlist.MaskURL(s)
		}
	}
	return playlist.MaskURL(err.Error())
}
