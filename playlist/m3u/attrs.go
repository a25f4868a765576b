package m3u

import "bytes"

// attrScanner walks the key="value" pairs of an #EXTINF or #EXTM3U line. It
// stops at the first comma outside quotes that no quoted attribute follows,
// where the display name begins. Some lists write every attribute after the
// comma (#EXTINF:-1,tvg-id="X" group-title="Y",Name); Kodi's IPTV Simple reads
// those, and takes the name after the comma that follows the last of them.
type attrScanner struct {
	b     []byte
	i     int
	name  int  // start of the display name once found; -1 while none
	upper bool // the last key has upper-case letters
}

// Byte classes, looked up once per byte in the hot loops.
const (
	keyEnd = 1 << iota // ends an attribute name
	valEnd             // ends an unquoted value
	upper              // A-Z
)

var class = func() (t [256]uint8) {
	for _, c := range "= \t,\"'" {
		t[c] |= keyEnd
	}
	for _, c := range " \t," {
		t[c] |= valEnd
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= upper
	}
	return t
}()

func newAttrScanner(b []byte) attrScanner { return attrScanner{b: b, name: -1} }

// next returns the next pair. A word without '=' is skipped; a value is quoted
// with " or ', or runs to the next blank or comma.
func (s *attrScanner) next() (key, val []byte, ok bool) {
	b := s.b
	for s.i < len(b) {
		c := b[s.i]
		switch {
		case c == ' ' || c == '\t':
			s.i++
			continue
		case c == ',':
			if attrFollows(b[s.i+1:]) {
				s.i++
				continue
			}
			s.name = s.i + 1
			s.i = len(b)
			return nil, nil, false
		case c == '"' || c == '\'':
			s.quoted(c) // a stray quoted word: skip it whole
			continue
		}
		k := s.i
		var seen uint8
		for s.i < len(b) {
			t := class[b[s.i]]
			if t&keyEnd != 0 {
				break
			}
			seen |= t
			s.i++
		}
		key, s.upper = b[k:s.i], seen&upper != 0
		if s.i == len(b) || b[s.i] != '=' {
			if s.i == k {
				s.i++ // a lone '=' or similar: step over it
			}
			continue
		}
		s.i++
		if s.i < len(b) && (b[s.i] == '"' || b[s.i] == '\'') {
			return key, s.quoted(b[s.i]), true
		}
		v := s.i
		for s.i < len(b) && class[b[s.i]]&valEnd == 0 {
			s.i++
		}
		return key, b[v:s.i], true
	}
	return nil, nil, false
}

// attrFollows reports whether b starts with a quoted attribute, key="value"
// or key='value'. An unquoted key=value is not taken as one: a name such as
// "a=b" is more likely than a list that writes attributes after the comma
// without quotes.
func attrFollows(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	k := i
	for i < len(b) && isKeyByte(b[i]) {
		i++
	}
	return i > k && i+1 < len(b) && b[i] == '=' && (b[i+1] == '"' || b[i+1] == '\'')
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// quoted returns the value between the quote at s.i and its closing quote.
// Without a closing quote the value runs to the last comma of the line, which
// is then taken as the start of the display name: the most names survive a
// provider's unbalanced quote that way.
func (s *attrScanner) quoted(q byte) []byte {
	b := s.b
	v := s.i + 1
	if j := bytes.IndexByte(b[v:], q); j >= 0 {
		s.i = v + j + 1
		return b[v : v+j]
	}
	end := bytes.LastIndexByte(b[v:], ',')
	if end < 0 {
		s.i = len(b)
		return b[v:]
	}
	s.i = v + end // the comma: the next call starts the name there
	return b[v : v+end]
}

// lowerKey returns the attribute name the scanner last found in lower case,
// using buf when it has to change it. Names longer than buf are not ones this
// package knows, so they come back empty.
func (s *attrScanner) lowerKey(buf *[24]byte, k []byte) []byte {
	if !s.upper {
		return k
	}
	if len(k) > len(buf) {
		return nil
	}
	for i, c := range k {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(k)]
}

// skipDuration steps over the #EXTINF duration ("-1", "0", "123.4"). A first
// token holding '=' or a quote is an attribute of a list that left the
// duration out, and is kept.
func skipDuration(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	j := i
	for j < len(b) && b[j] != ' ' && b[j] != '\t' && b[j] != ',' {
		if b[j] == '=' || b[j] == '"' {
			return b[i:]
		}
		j++
	}
	return b[j:]
}
