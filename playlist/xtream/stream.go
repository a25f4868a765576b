package xtream

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
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
	s := &d.s
	s.pos++ // the brace
	s.ws()
	if s.eat('}') {
		return true
	}
	for {
		s.ws()
		start := s.pos
		if !s.str() {
			return false
		}
		field, ok := keyIndex(s.b[start:s.pos])
		if !ok {
			return false
		}
		s.ws()
		if !s.eat(':') {
			return false
		}
		s.ws()
		vstart := s.pos
		if !s.value(0) {
			return false
		}
		if field >= 0 {
			d.raw[field] = s.b[vstart:s.pos]
		}
		s.ws()
		if s.eat('}') {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
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

// addRaw decodes the kept values of an object as the fields of Stream read
// them, into scratch space the builder copies from.
func (d *streamDecoder) addRaw() {
	const (
		fNum, fName, fID, fIcon, fEPG, fCat, fArchive, fDuration = 0, 1, 3, 4, 5, 7, 9, 10
	)
	sc := d.scratch[:0]
	var at [6]int
	for i, f := range [...]int{fName, fEPG, fIcon, fID, fCat} {
		sc = appendStr(sc, d.raw[f])
		at[i+1] = len(sc)
	}
	d.scratch = sc
	it := &d.it
	it.name, it.tvg, it.logo, it.id, it.cat = sc[:at[1]], sc[at[1]:at[2]], sc[at[2]:at[3]], sc[at[3]:at[4]], sc[at[4]:at[5]]
	it.num, it.dur = intOf(d.raw[fNum]), intOf(d.raw[fDuration])
	it.archive = boolOf(d.raw[fArchive])
	d.b.add(it)
}

func (d *streamDecoder) addStream(st *Stream) {
	d.it = item{
		name: []byte(st.Name), tvg: []byte(st.EPGChannelID), logo: []byte(st.StreamIcon),
		id: []byte(st.StreamID), cat: []byte(st.CategoryID),
		num: int64(st.Num), dur: int64(st.TVArchiveDuration), archive: bool(st.TVArchive),
	}
	d.b.add(&d.it)
}

// appendStr appends what Str.UnmarshalJSON makes of raw, a value the
// scanner checked.
func appendStr(out, raw []byte) []byte {
	if len(raw) == 0 {
		return out
	}
	switch raw[0] {
	case '"':
		out, _ = appendUnquoted(out, raw)
		return out
	case 'n', '{', '[':
		return out
	}
	return append(out, raw...)
}

// intOf is Int.UnmarshalJSON, quicker for the digits nearly every panel
// sends, bare or quoted.
func intOf(raw []byte) int64 {
	digits := raw
	if n := len(digits); n >= 2 && digits[0] == '"' && digits[n-1] == '"' {
		digits = digits[1 : n-1]
	}
	if len(digits) == 0 || len(digits) > 18 {
		return slowInt(raw)
	}
	var v int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return slowInt(raw)
		}
		v = v*10 + int64(c-'0')
	}
	return v
}

func slowInt(raw []byte) int64 {
	var n Int
	_ = n.UnmarshalJSON(raw)
	return int64(n)
}

// boolOf is Bool.UnmarshalJSON, quicker for the usual spellings.
func boolOf(raw []byte) bool {
	switch string(raw) {
	case "", "0", `"0"`, "false", "null", `""`:
		return false
	case "1", `"1"`, "true":
		return true
	}
	var v Bool
	_ = v.UnmarshalJSON(raw)
	return bool(v)
}
