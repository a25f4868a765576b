// Package m3u reads and writes extended M3U playlists as IPTV providers serve them.
//
// Parse accepts what real providers send: #EXTM3U header attributes (guide URLs
// from url-tvg / x-tvg-url, catch-up, tvg-shift) or no header at all; #EXTINF
// attributes in any order, quoted (with commas or '=' inside) or not, with the
// display name after the first comma outside quotes that no quoted attribute
// follows (so attributes written after the comma are read too); group-title
// ("A;B" is two groups) and #EXTGRP, the later of the two naming the group;
// per-channel HTTP headers from #EXTVLCOPT (quotes around a value dropped),
// #KODIPROP, user-agent, http-user-agent and http-referrer attributes and
// URL|User-Agent=..&Referer=.. suffixes; a BOM, LF, CR LF and lone CR line ends
// in any mix, lines of any length, and invalid UTF-8 (each bad run becomes
// U+FFFD). Unknown tags are ignored. A URL-looking line without an #EXTINF is a
// channel named after the last element of its path; any line after an #EXTINF
// is that entry's address. An #EXTGRP, #EXTVLCOPT or #KODIPROP line applies to
// the next address. When a header is given twice, the later value wins. A
// channel keeps at most 64 groups and 64 headers.
//
// Input that is empty, or has neither an #EXTM3U header, an #EXTINF nor a
// URL-looking line (an HTML error page, a JSON answer), is an *playlist.Error
// with Problem NotPlaylist. A header with no channels is a valid, empty
// playlist: whether an empty answer may replace a cached copy is the caller's
// call.
//
// The parser is built for provider lists of several hundred thousand entries:
// it scans bytes without regular expressions, keeps its strings in large
// shared chunks, interns repeated values and shares one Extra between channels
// whose rare attributes are equal. Treat the returned channels' strings and
// Extra values as read-only; a channel's strings keep the chunk they live in
// alive.
package m3u

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/playlist"
)

// Parse reads an extended M3U playlist. source names the Source for errors and
// is stored in every Channel. progress may be nil; it gets the total when r
// can tell its size (an *os.File, a bytes or strings Reader), else -1.
func Parse(r io.Reader, source string, progress playlist.Progress) (*playlist.Playlist, error) {
	return ParseWith(r, source, progress, Limits{})
}

// ParseWith is Parse within lim.
func ParseWith(r io.Reader, source string, progress playlist.Progress, lim Limits) (*playlist.Playlist, error) {
	return parse(r, source, sizeOf(r), progress, lim)
}

// ParseFile reads the playlist file at path. Knowing the size up front lets
// the parser allocate the channel list once at about the right length.
func ParseFile(path, source string, progress playlist.Progress) (*playlist.Playlist, error) {
	return ParseFileWith(path, source, progress, Limits{})
}

// ParseFileWith is ParseFile within lim. A path that is not a regular file
// (a fifo, /dev/stdin, /dev/zero) is read like standard input, with
// lim.MaxStream as its cap.
func ParseFileWith(path, source string, progress playlist.Progress, lim Limits) (*playlist.Playlist, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(source, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, openError(source, err)
	}
	if fi.IsDir() {
		return nil, &playlist.Error{Source: playlist.MaskURL(source), Problem: playlist.Invalid, Detail: "is a directory, not a playlist file"}
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return parse(f, source, size, progress, lim)
}

var bom = []byte("\xEF\xBB\xBF")

func parse(r io.Reader, source string, total int64, progress playlist.Progress, lim Limits) (*playlist.Playlist, error) {
	lim = lim.withDefaults()
	if total < 0 && lim.MaxStream > 0 {
		r = &streamCap{r: r, left: lim.MaxStream}
	}
	p := newParser(source)
	lr := newLineReader(r, bufSize(total), lim.MaxLine)
	p.sizing = sizing{total: total, lr: lr}
	if progress != nil {
		var last int64
		lr.onRead = func(n int64) {
			if n-last >= 256<<10 {
				last = n
				progress(n, total)
			}
		}
	}
	for first := true; ; first = false {
		line, ok := lr.next()
		if !ok {
			break
		}
		if first {
			line = bytes.TrimPrefix(line, bom)
		}
		p.line(line)
	}
	if err := limitError(source, lr, lim); err != nil {
		return nil, err
	}
	if lr.err != nil {
		return nil, readError(source, lr.err)
	}
	if progress != nil {
		progress(lr.read, total)
	}
	return p.finish()
}

func (p *parser) finish() (*playlist.Playlist, error) {
	if !p.sawHeader && !p.sawInf && len(p.chans) == 0 && p.sizing.nfull == 0 {
		e := &playlist.Error{Source: playlist.MaskURL(p.source), Problem: playlist.NotPlaylist, Detail: "empty playlist"}
		switch {
		case p.gzipped:
			e.Detail = "gzip-compressed data, not a plain M3U playlist"
		case p.first != nil:
			e.Detail = fmt.Sprintf("not an M3U playlist (starts with %q)", snippet(playlist.MaskURL(string(p.first))))
		}
		return nil, e
	}
	return &playlist.Playlist{
		Source:   p.source,
		Header:   p.header,
		Channels: playlist.List(p.sizing.join(p.chans)),
		Groups:   p.groups.groups(),
		LoadedAt: time.Now(),
	}, nil
}

// snippet is the start of b, short enough to quote in a one-line error.
func snippet(s string) string {
	n := 0
	for range 14 {
		if n >= len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[n:])
		n += size
	}
	return s[:n]
}

func bufSize(total int64) int {
	if total < 0 {
		return 256 << 10
	}
	return int(min(max(total+16, 4<<10), 1<<20))
}

// sizeOf returns the input size when r can tell it, else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Size() int64 }:
		return v.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return -1
}

func openError(source string, err error) error {
	e := &playlist.Error{Source: playlist.MaskURL(source), Problem: playlist.Invalid, Err: err}
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.Problem, e.Detail = playlist.NotFound, "no such file"
	case errors.As(err, &pe):
		e.Detail = "cannot read: " + pe.Err.Error()
	default:
		e.Detail = "cannot read: " + err.Error()
	}
	return e
}

// readError phrases a failure while reading. An *playlist.Error from the
// reader (a loader's size cap or timeout) is already phrased and passes as is.
func readError(source string, err error) error {
	var pe *playlist.Error
	if errors.As(err, &pe) {
		return err
	}
	e := &playlist.Error{Source: playlist.MaskURL(source), Problem: playlist.Unreachable, Err: err,
		Detail: "reading failed: " + playlist.MaskURL(err.Error())}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		e.Problem, e.Detail = playlist.TimedOut, "timed out while reading"
	}
	return e
}
