package m3u

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"
	"unsafe"

	"github.com/tuner-iptv/tuner/playlist"
)

// Counts is how many entries of each kind a playlist holds.
type Counts struct {
	Live, Movies, Episodes int
}

// Total is every entry, whatever its kind.
func (c Counts) Total() int { return c.Live + c.Movies + c.Episodes }

// Count reads a playlist as Parse does and counts its entries by kind
// without building them: `tuner list --count` on a list of a million
// entries needs none of their strings. It accepts and refuses exactly what
// Parse does, with the same errors.
func Count(r io.Reader, source string, lim Limits) (Counts, error) {
	return count(r, source, sizeOf(r), lim)
}

// CountFile is Count on the file at path.
func CountFile(path, source string, lim Limits) (Counts, error) {
	f, err := os.Open(path)
	if err != nil {
		return Counts{}, openError(source, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Counts{}, openError(source, err)
	}
	if fi.IsDir() {
		return Counts{}, &playlist.Error{Source: playlist.MaskURL(source), Problem: playlist.Invalid, Detail: "is a directory, not a playlist file"}
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return count(f, source, size, lim)
}

func count(r io.Reader, source string, total int64, lim Limits) (Counts, error) {
	lim = lim.withDefaults()
	if total < 0 && lim.MaxStream > 0 {
		r = &streamCap{r: r, left: lim.MaxStream}
	}
	p := newParser(source)
	lr := newLineReader(r, bufSize(total), lim.MaxLine)
	var c counter
	for first := true; ; first = false {
		line, ok := lr.next()
		if !ok {
			break
		}
		if first {
			line = bytes.TrimPrefix(line, bom)
		}
		c.line(p, line)
	}
	if err := limitError(source, lr, lim); err != nil {
		return Counts{}, err
	}
	if lr.err != nil {
		return Counts{}, readError(source, lr.err)
	}
	if c.n.Total() == 0 {
		// finish phrases an input that is no playlist, as Parse would.
		if _, err := p.finish(); err != nil {
			return Counts{}, err
		}
	}
	return c.n, nil
}

// counter follows the parser's rules for where an entry ends (a URL line
// after an #EXTINF, or a URL-looking line on its own) and reads nothing else.
type counter struct {
	n   Counts
	inf bool
}

func (c *counter) line(p *parser, b []byte) {
	b = trimBlank(b)
	if len(b) == 0 {
		return
	}
	if p.first == nil {
		// What finish needs to name an input that is no playlist.
		p.gzipped = len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
		if !utf8.Valid(b) {
			b = appendValid(nil, b)
		}
		p.first = append([]byte{}, b[:min(len(b), 256)]...)
	}
	if b[0] == '#' {
		switch {
		case hasPrefixFold(b, "#EXTINF"):
			c.inf, p.sawInf = true, true
		case hasPrefixFold(b, "#EXTM3U"):
			p.sawHeader = true
		}
		return
	}
	if !c.inf && !looksLikeURL(b) {
		return
	}
	u, _, _ := bytes.Cut(b, []byte("|"))
	if u = trimBlank(u); len(u) == 0 {
		return
	}
	c.inf = false
	// KindOfURL keeps nothing of its argument, so the line's bytes need
	// no copy: a million entries count without a million allocations.
	switch playlist.KindOfURL(unsafe.String(&u[0], len(u))) {
	case playlist.KindMovie:
		c.n.Movies++
	case playlist.KindEpisode:
		c.n.Episodes++
	default:
		c.n.Live++
	}
}
