package record

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

// State is where a recording stands, as its info file says.
type State string

// Recording states. A recording that ended early keeps what it wrote:
// partial when that is something, failed when it is nothing.
const (
	Recording State = "recording" // being written now
	Done      State = "done"      // until reached, or stopped by the person
	Partial   State = "partial"   // ended early (a crash, a full disk, the provider); the file plays as far as it got
	Failed    State = "failed"    // nothing was written
)

// Gap is a stretch the provider did not send: from At, Seconds long, and
// why (masked).
type Gap struct {
	At      time.Time `json:"at"`
	Seconds float64   `json:"seconds"`
	Reason  string    `json:"reason,omitempty"`
}

// Length is the gap as a duration.
func (g Gap) Length() time.Duration { return time.Duration(g.Seconds * float64(time.Second)) }

// Info is what the info file beside a recording says. It holds no secret:
// URL is masked and LastError is masked before it is set.
type Info struct {
	State   State     `json:"state"`
	Channel string    `json:"channel"`
	Title   string    `json:"title,omitempty"`
	Source  string    `json:"source,omitempty"` // the source's name in tuner's config
	URL     string    `json:"url,omitempty"`    // the channel's URL, masked
	File    string    `json:"file"`             // the recording's file name, beside the info file
	Started time.Time `json:"started"`
	Until   time.Time `json:"until,omitzero"`
	Ended   time.Time `json:"ended,omitzero"`
	Bytes   int64     `json:"bytes"`
	Gaps    []Gap     `json:"gaps,omitempty"`
	// LastError is the latest trouble, in words: a cut, a refusal's
	// diagnosis, a full disk. A recording can be done and still say it.
	LastError string `json:"last_error,omitempty"`
	// Remuxed says File is the MKV ffmpeg made of the TS as recorded;
	// RemuxError why a remux that was asked for did not happen (the TS
	// is then kept as it is).
	Remuxed    bool   `json:"remuxed,omitempty"`
	RemuxError string `json:"remux_error,omitempty"`
	// Recorder is the process writing it, so a later start can tell a
	// recording still under way from one a crash left behind.
	Recorder lease.Proc `json:"recorder"`

	// Path is where the info file was read from; not stored.
	Path string `json:"-"`
}

// Duration is how long the recording ran: to Ended, or to now while it
// records. Gaps count in it; the file simply lacks them.
func (in Info) Duration(now time.Time) time.Duration {
	end := in.Ended
	if end.IsZero() {
		end = now
	}
	if end.Before(in.Started) {
		return 0
	}
	return end.Sub(in.Started)
}

// MediaPath is the recording's file, beside the info file.
func (in Info) MediaPath() string { return filepath.Join(filepath.Dir(in.Path), in.File) }

// maxInfo bounds an info file read; tuner writes a few kilobytes.
const maxInfo = 1 << 20

// maxGaps keeps the info file small when a provider drops all night long:
// the first gaps and the count of the rest are what a person reads.
const maxGaps = 200

// writeInfo replaces the info file atomically, with every text masked once
// more as a second line of defence.
func writeInfo(path string, in Info) error {
	in.URL = playlist.MaskURL(in.URL)
	in.LastError = playlist.MaskURL(in.LastError)
	in.RemuxError = playlist.MaskURL(in.RemuxError)
	b, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(b, '\n'), 0o600)
}

// ReadInfo reads one info file.
func ReadInfo(path string) (Info, error) {
	b, err := atomicfile.ReadRegular(path, maxInfo)
	if err != nil {
		return Info{}, err
	}
	var in Info
	if err := json.Unmarshal(b, &in); err != nil {
		return Info{}, fmt.Errorf("%s: not a recording's info: %w", path, err)
	}
	if in.File == "" || strings.ContainsAny(in.File, `/\`) {
		return Info{}, fmt.Errorf("%s: not a recording's info", path)
	}
	in.Path = path
	return in, nil
}

// List reads every recording's info in dir, oldest first. A missing dir is
// no recordings; files that are not tuner's are skipped.
func List(dir string) ([]Info, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, e := range ents {
		// Not Glob: a folder named with [ or * would match other files.
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		in, err := ReadInfo(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		out = append(out, in)
	}
	slices.SortStableFunc(out, func(a, b Info) int { return a.Started.Compare(b.Started) })
	return out, nil
}

// Recover marks partial every recording in dir whose info says it records
// while the process that wrote it is gone (a crash, a kill, a power cut),
// with the size its file really has. It returns the ones it marked. It
// also removes the half-made MKVs of remuxes a kill cut short.
func Recover(dir string) ([]Info, error) {
	sweepParts(dir, time.Now())
	all, err := List(dir)
	if err != nil {
		return nil, err
	}
	var marked []Info
	var errs []error
	for _, in := range all {
		if in.State != Recording || in.Recorder.Alive() {
			continue
		}
		in.State = Partial
		if in.LastError == "" {
			in.LastError = "tuner stopped without finishing the recording (a crash or a kill)"
		}
		if st, err := os.Stat(in.MediaPath()); err == nil {
			in.Bytes = st.Size()
			in.Ended = st.ModTime()
		}
		if in.Bytes == 0 {
			in.State = Failed
		}
		if err := writeInfo(in.Path, in); err != nil {
			errs = append(errs, err)
			continue
		}
		marked = append(marked, in)
	}
	return marked, errors.Join(errs...)
}
