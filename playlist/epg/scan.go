package epg

import (
	"bytes"
	"io"
)

// The parser does not tokenise the whole document. XMLTV is a flat list of
// <channel> and <programme> elements under <tv>, so a scanner finds the next
// such element, makes sure the buffer holds all of it, and hands the element
// to a small parser that picks out the children a guide needs. Everything in
// between (whitespace, comments, unknown elements) is skipped with
// bytes.IndexByte. The buffer holds one element at a time, so memory does not
// grow with the document.

const (
	readSize   = 256 << 10
	maxElement = 4 << 20 // an element larger than this is skipped as broken
)

type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // unread data is buf[pos:end]
	base     int64 // stream offset of buf[0]
	eof      bool
	err      error // read error other than io.EOF
}

// fill reads more input, keeping buf[pos:end]. It returns false at the end of
// input.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.end -= s.pos
		s.pos = 0
	}
	if len(s.buf)-s.end < readSize/2 {
		nb := make([]byte, max(len(s.buf)*2, s.end+readSize))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.eof = true
		if err != io.EOF {
			s.err = err
		}
	}
	return n > 0 || !s.eof
}

func (s *scanner) data() []byte { return s.buf[s.pos:s.end] }

// offset is the stream offset of the scanner's position, for problem reports.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// ensure makes at least n bytes available unless the input ends first.
func (s *scanner) ensure(n int) {
	for s.end-s.pos < n && s.fill() {
	}
}

// skipPast discards input up to and including pat (or everything, if pat
// never comes), without holding what it skips.
func (s *scanner) skipPast(pat string) {
	for {
		d := s.data()
		if i := bytes.Index(d, []byte(pat)); i >= 0 {
			s.pos += i + len(pat)
			return
		}
		if keep := len(pat) - 1; len(d) > keep {
			s.pos = s.end - keep
		}
		if !s.fill() {
			s.pos = s.end
			return
		}
	}
}

// element is a complete <channel> or <programme> in the buffer.
type element struct {
	attrs []byte // inside the start tag, after the name
	body  []byte // between the start and end tags; nil when self-closing
	at    int64  // stream offset, for problem reports
}

// tagEnd returns the index of the '>' closing the start tag that b begins
// with, honouring quoted attribute values, or -1 when b ends first.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// isNameEnd reports whether c can follow an element name.
func isNameEnd(c byte) bool {
	return c == '>' || c == '/' || isSpace(c)
}

// indexTag finds "<name" followed by a name end, so <programme does not
// match <programmes.
func indexTag(b []byte, open string) int {
	from := 0
	for {
		i := bytes.Index(b[from:], []byte(open))
		if i < 0 {
			return -1
		}
		i += from
		if j := i + len(open); j >= len(b) || isNameEnd(b[j]) {
			return i
		}
		from = i + 1
	}
}

// next reads the element that starts at the scanner's position with
// open ("<programme"). ok is false when the element is broken; problem says
// why and the scanner has moved past what was given up.
func (s *scanner) next(open, close string) (el element, problem string, ok bool) {
	at := s.offset()
	// Find the end of the start tag.
	var te int
	for {
		if te = tagEnd(s.data()); te >= 0 {
			break
		}
		if s.end-s.pos > maxElement || !s.fill() {
			s.pos += len(open)
			return el, "start tag never ends", false
		}
	}
	d := s.data()
	if d[te-1] == '/' {
		s.pos += te + 1
		return element{attrs: d[len(open) : te-1], at: at}, "", true
	}
	// Find the end tag, giving up at a second start tag, which means this
	// element was never closed.
	scanned := te + 1
	for {
		d = s.data()
		from := max(scanned-len(close), te+1)
		c := bytes.Index(d[from:], []byte(close))
		limit := len(d)
		if c >= 0 {
			c += from
			limit = c
		}
		if n := indexTag(d[te+1:limit], open); n >= 0 {
			s.pos += te + 1 + n
			return el, "not closed before the next one", false
		}
		if c >= 0 {
			if gt := bytes.IndexByte(d[c:], '>'); gt >= 0 {
				el = element{attrs: d[len(open):te], body: d[te+1 : c], at: at}
				s.pos += c + gt + 1
				if c > maxElement {
					return element{at: at}, "larger than 4 MB", false
				}
				return el, "", true
			}
		}
		scanned = len(d)
		if len(d) > maxElement {
			s.pos += te + 1
			return el, "larger than 4 MB", false
		}
		if !s.fill() {
			s.pos = s.end
			return el, "cut off at the end of the input", false
		}
	}
}
