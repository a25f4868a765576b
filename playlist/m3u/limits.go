package m3u

import (
	"errors"
	"fmt"
	"io"

	"github.com/tuner-iptv/tuner/playlist"
)

// Defaults for Limits fields left zero.
const (
	// DefaultMaxLine is far above any real line (a header with a long list
	// of guide URLs, a logo as a data URL) and far below what would hurt.
	DefaultMaxLine = 16 << 20
	// DefaultMaxStream matches the cap on a downloaded playlist.
	DefaultMaxStream = 512 << 20
)

// Limits bound what one parse may read and hold. The zero value gives the
// defaults.
type Limits struct {
	// MaxLine is the longest line; a longer one ends the parse with a
	// TooLarge error before more than about twice this is held.
	MaxLine int
	// MaxStream caps input whose size is not known up front (standard input,
	// a fifo, a device such as /dev/zero); a regular file is read whole.
	// Negative means no cap (the reader enforces its own, as a download does).
	MaxStream int64
}

func (l Limits) withDefaults() Limits {
	if l.MaxLine <= 0 {
		l.MaxLine = DefaultMaxLine
	}
	if l.MaxStream == 0 {
		l.MaxStream = DefaultMaxStream
	}
	return l
}

// streamCap ends an input of unknown size at max bytes.
type streamCap struct {
	r    io.Reader
	left int64
}

var errStreamTooLarge = errors.New("input too large")

func (c *streamCap) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte tells "exactly at the cap" from "over it".
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errStreamTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// limitError phrases a limit that ended the parse, or returns nil.
func limitError(source string, lr *lineReader, lim Limits) error {
	var detail string
	switch {
	case errors.Is(lr.err, errLineTooLong):
		detail = fmt.Sprintf("line %d is longer than %s (not a playlist?)", lr.lines+1, size(int64(lim.MaxLine)))
	case errors.Is(lr.err, errStreamTooLarge):
		detail = fmt.Sprintf("too large (over %s)", size(lim.MaxStream))
	default:
		return nil
	}
	return &playlist.Error{Source: playlist.MaskURL(source), Problem: playlist.TooLarge, Detail: detail}
}

func size(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
