package m3u

import (
	"bytes"
	"errors"
	"io"
)

// lineReader splits its input at LF, CR LF and lone CR, in any mix, and returns
// lines up to maxLine bytes. bufio.Scanner is not used: its token limit is
// fixed at creation, where the buffer here grows only as far as a line needs,
// and it does not split at a lone CR. A longer line (a file of zeros, a
// binary) ends the input with errLineTooLong, so memory stays within about
// twice maxLine.
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

	maxLine int
	lines   int // lines returned so far

	nl, nlFrom int // next LF at nl (-1: none in buf[nlFrom:end])
	cr, crFrom int

	onRead func(read int64)
}

// errLineTooLong ends input with a line over the reader's maxLine.
var errLineTooLong = errors.New("line too long")

func newLineReader(r io.Reader, size, maxLine int) *lineReader {
	return &lineReader{r: r, buf: make([]byte, min(size, maxLine+1)), nl: -1, cr: -1, maxLine: maxLine}
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
			l.lines++
			return line, true
		}
		if l.eof {
			if l.start == l.end || l.err == errLineTooLong {
				return nil, false
			}
			line := l.buf[l.start:l.end]
			l.start = l.end
			l.lines++
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
		if l.end > l.maxLine {
			l.eof, l.err = true, errLineTooLong
			return
		}
		nb := make([]byte, min(2*len(l.buf), l.maxLine+1)) // +1: room for the terminator
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
