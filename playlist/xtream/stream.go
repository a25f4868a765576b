package xtream

import (
	"bytes"
	"encoding/json"
	"io"
)

// decodeChannels reads a get_live_streams answer from r as it arrives and
// hands each stream to b, holding no more of the answer than the element
// being read. It reads every answer as DecodeStreams reads it whole: an
// array's objects through the fast scanner, any other element through
// encoding/json, and an answer that is not an array (an object for a list,
// an auth 0, null, a web page) whole, by DecodeStreams itself. Errors are
// errRejected, errNotAPI or what reading r returned.
func decodeChannels(r io.Reader, b *liveBuilder) error {
	return decodeChannelsIn(r, b, window)
}

// decodeChannelsIn is decodeChannels with a window of size bytes to start.
func decodeChannelsIn(r io.Reader, b *liveBuilder, size int) error {
	d := &streamDecoder{r: r, buf: make([]byte, max(size, 1)), b: b}
	if !d.skipSpace() {
		return d.err // nothing but blanks is no streams, as DecodeStreams says
	}
	if d.s.b[d.s.pos] != '[' {
		return d.whole()
	}
	d.s.pos++
	if err := d.array(); err != nil {
		return err
	}
	if d.skipSpace() {
		return errNotAPI // something after the array
	}
	return d.err
}

// window is how much of the answer is held at once; an element longer than
// that grows it.
const window = 256 << 10

type streamDecoder struct {
	r   io.Reader
	buf []byte // s.b is buf[:filled]
	s   scan
	eof bool
	err error // from r, other than io.EOF

	b       *liveBuilder
	raw     [len(streamKeys)][]byte // the values of the object being read
	it      item
	scratch []byte
	slow    []Stream // an element encoding/json read
}

// step is how reading one element and what follows it went.
type step int

const (
	stepNext step = iota // an element and a comma
	stepEnd              // the closing bracket
	stepCut              // the window ended first
	stepBad              // not what DecodeStreams accepts
)

func (d *streamDecoder) array() error {
	first := true
	for {
		mark := d.s.pos
		switch d.element(first) {
		case stepEnd:
			return nil
		case stepNext:
			first = false
		case stepBad:
			return errNotAPI
		case stepCut:
			d.s.pos = mark
			if !d.refill() {
				if d.err != nil {
					return d.err
				}
				return errNotAPI // the answer ended inside the array
			}
		}
	}
}

// element reads one element and the comma or bracket after it, and adds
// the stream only when all of it was in the window, so a step cut short is
// simply read again after a refill.
func (d *streamDecoder) element(first bool) step {
	s := &d.s
	s.short = false
	s.ws()
	if first && s.eat(']') {
		return stepEnd
	}
	start := s.pos
	fast := false
	switch {
	case s.pos >= len(s.b):
		return stepCut
	case s.b[s.pos] == '{':
		d.raw = [len(streamKeys)][]byte{}
		fast = d.object()
		if !fast && s.cut() {
			return stepCut
		}
	}
	if !fast {
		s.pos, s.short = start, false
		if st := d.other(); st != stepNext {
			return st
		}
	}
	s.ws()
	end := s.eat(']')
	switch {
	case end || s.eat(','):
	case s.pos >= len(s.b):
		return stepCut
	default:
		return stepBad
	}
	if fast {
		d.addRaw()
	} else {
		for i := range d.slow {
			d.addStream(&d.slow[i])
		}
	}
	if end {
		return stepEnd
	}
	return stepNext
}

// object is the fast scanner's object, keeping each field's value (the
// last one, when a key repeats) as its bytes in the window.
func (d *streamDecoder) object() bool {
	return d.s.members(func(key, raw []byte) bool {
		field, ok := keyIndex(key)
		if ok && field >= 0 {
			d.raw[field] = raw
		}
		return ok
	})
}

// other reads an element the fast scanner leaves to encoding/json: one
// that is not an object, a key it cannot match, nesting past its depth. It
// finds where the element ends and has encoding/json read it inside an
// array of its own, which nests it as deep as the answer did.
func (d *streamDecoder) other() step {
	s := &d.s
	start := s.pos
	if !skipElement(s) {
		if s.pos >= len(s.b) {
			return stepCut
		}
		return stepBad
	}
	wrapped := append(append(append(make([]byte, 0, s.pos-start+2), '['), s.b[start:s.pos]...), ']')
	d.slow = nil // encoding/json would decode into what a reused slice holds
	if json.Unmarshal(wrapped, &d.slow) != nil {
		return stepBad
	}
	return stepNext
}

// skipElement moves past one element without checking it: brackets are
// counted outside strings, a scalar runs to the next delimiter. It is false
// when the window ends first or the element is empty.
func skipElement(s *scan) bool {
	start, depth, inStr := s.pos, 0, false
	for ; s.pos < len(s.b); s.pos++ {
		c := s.b[s.pos]
		switch {
		case inStr:
			switch c {
			case '\\':
				s.pos++
			case '"':
				inStr = false
				if depth == 0 {
					s.pos++
					return true
				}
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return s.pos > start
			}
			if depth--; depth == 0 {
				s.pos++
				return true
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return s.pos > start
		}
	}
	s.pos = len(s.b)
	return false
}

// whole reads the rest of an answer that is not an array and decodes it as
// DecodeStreams does: such answers are small, or not a list at all.
func (d *streamDecoder) whole() error {
	if d.err != nil {
		return d.err
	}
	var all bytes.Buffer
	all.Write(d.s.b[d.s.pos:])
	if _, err := all.ReadFrom(d.r); err != nil {
		return err
	}
	streams, err := DecodeStreams(all.Bytes())
	if err != nil {
		return err
	}
	for i := range streams {
		d.addStream(&streams[i])
	}
	return nil
}
