package m3u

import (
	"bytes"
	"io"
)

// lineReader splits its input at LF, CR LF and lone CR, in any mix, and returns
// lines of any length. bufio.Scanner is not used: its token limit fails on the
// very long header lines real playlists have, and it does not split at a lone CR.
//
// The next LF and CR positions are remembered between calls, so a file that
// uses only one of the two is not rescanned for the other on every line.
type lineReader struct {
	r     io.Reader
	buf   []byte
	start int // first unread byte
	end   int // end of the data in buf
	eof   bool
	err   error // read error other than io.EOF
	read  int64 // bytes read from r so far

	nl, nlFrom int // next LF at nl (-1: none in buf[nlFrom:end])
	cr, crFrom int

	onRead func(read int64)
}

func newLineReader(r io.Reader, size int) *lineReader {
	return &lineReader{r: r, buf: make([]byte, size), nl: -1, cr: -1}
}

// next returns the next line without its terminator. The line is only valid
// until the following call.
func (l *lineReader) next() ([]byte, bool) {
	for {
		i := l.find('\n', &l.nl, &l.nlFrom)
		j := l.find('\r', &l.cr, &l.crFrom)
		if i < 0 || (j >= 0 && j < i) {
			i = j
		}
		if i >= 0 {
			line := l.buf[l.start:i]
			skip := i + 1
			if l.buf[i] == '\r' {
				if skip == l.end && !l.eof {
					l.fill() // is the CR followed by an LF?
					continue
				}
				if skip < l.end && l.buf[skip] == '\n' {
					skip++
				}
			}
			l.start = skip
			return line, true
		}
		if l.eof {
			if l.start == l.end {
				return nil, false
			}
			line := l.buf[l.start:l.end]
			l.start = l.end
			return line, true
		}
		l.fill()
	}
}

// find returns the position of c in the unread data, using and updating the
// remembered position.
func (l *lineReader) find(c byte, pos, from *int) int {
	if *pos >= l.start {
		return *pos
	}
	f := max(*from, l.start)
	if f >= l.end {
		*from = l.end
		*pos = -1
		return -1
	}
	k := bytes.IndexByte(l.buf[f:l.end], c)
	if k < 0 {
		*from = l.end
		*pos = -1
		return -1
	}
	*pos = f + k
	return *pos
}

// fill reads more input, first moving unread data to the front of buf, or
// growing buf when a single line fills all of it.
func (l *lineReader) fill() {
	if l.start > 0 {
		n := copy(l.buf, l.buf[l.start:l.end])
		l.shift(l.start)
		l.start, l.end = 0, n
	}
	if l.end == len(l.buf) {
		nb := make([]byte, 2*len(l.buf))
		copy(nb, l.buf[:l.end])
		l.buf = nb
	}
	for range 100 {
		n, err := l.r.Read(l.buf[l.end:])
		l.end += n
		l.read += int64(n)
		if err != nil {
			l.eof = true
			if err != io.EOF {
				l.err = err
			}
		}
		if n > 0 || err != nil {
			if l.onRead != nil {
				l.onRead(l.read)
			}
			return
		}
	}
	l.eof, l.err = true, io.ErrNoProgress
}

// shift keeps the remembered positions right after buf moved by bytes to the
// left.
func (l *lineReader) shift(by int) {
	for _, p := range [][2]*int{{&l.nl, &l.nlFrom}, {&l.cr, &l.crFrom}} {
		pos, from := p[0], p[1]
		if *pos >= by {
			*pos -= by
		} else {
			*pos = -1
		}
		*from = max(*from-by, 0)
	}
}

// consumed is how many input bytes the returned lines have covered.
func (l *lineReader) consumed() int64 { return l.read - int64(l.end-l.start) }
