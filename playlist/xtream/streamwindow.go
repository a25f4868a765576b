package xtream

import (
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// skipSpace moves past what bytes.TrimSpace trims, which DecodeStreams
// allows around its answer, and reports whether anything else follows.
func (d *streamDecoder) skipSpace() bool {
	s := &d.s
	for {
		for s.pos < len(s.b) {
			c := s.b[s.pos]
			if c < utf8.RuneSelf {
				if c != ' ' && (c < '\t' || c > '\r') {
					return true
				}
				s.pos++
				continue
			}
			if !utf8.FullRune(s.b[s.pos:]) && !d.eof && d.err == nil {
				break
			}
			r, size := utf8.DecodeRune(s.b[s.pos:])
			if !unicode.IsSpace(r) {
				return true
			}
			s.pos += size
		}
		if !d.refill() {
			return s.pos < len(s.b)
		}
	}
}

// refill keeps the window from s.pos on, moved to its start, and reads
// until the window is full, growing it when s.pos was already at its start
// and it was full. Reading to the end of the window rather than taking one
// read's worth means a long element is scanned again only after the data
// after it has at least doubled, however little each read brings. It is
// false when nothing more came.
func (d *streamDecoder) refill() bool {
	if d.eof || d.err != nil {
		return false
	}
	keep := copy(d.buf, d.s.b[d.s.pos:])
	if keep == len(d.buf) {
		d.buf = append(d.buf, make([]byte, len(d.buf))...)
	}
	d.s.b, d.s.pos = d.buf[:keep], 0
	for empty := 0; len(d.s.b) < len(d.buf); {
		n, err := d.r.Read(d.buf[len(d.s.b):])
		d.s.b = d.buf[:len(d.s.b)+n]
		switch {
		case errors.Is(err, io.EOF):
			d.eof = true
		case err != nil:
			d.err = err
		case n == 0:
			if empty++; empty == 100 {
				d.err = io.ErrNoProgress
			}
		}
		if d.eof || d.err != nil {
			break
		}
	}
	return len(d.s.b) > keep
}
