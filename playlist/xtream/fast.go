package xtream

// decodeStreamsFast decodes the common shape of get_live_streams, an array
// of flat objects, without reflection: big panels list hundreds of thousands
// of streams, and encoding/json spends most of its time finding fields. Each
// value still goes through the same UnmarshalJSON as the general path, so
// both read every value alike. Anything unusual (an element that is not an
// object, a non-ASCII key that might match a field only by case folding,
// invalid JSON) returns ok false and the caller takes the general path.
func decodeStreamsFast(data []byte) (streams []Stream, ok bool) {
	s := &scan{b: data}
	s.ws()
	if !s.eat('[') {
		return nil, false
	}
	streams = make([]Stream, 0, len(data)/256)
	s.ws()
	if s.eat(']') {
		return streams, s.end()
	}
	for {
		s.ws()
		var st Stream
		if !s.object(&st) {
			return nil, false
		}
		streams = append(streams, st)
		s.ws()
		if s.eat(']') {
			return streams, s.end()
		}
		if !s.eat(',') {
			return nil, false
		}
	}
}

// streamKeys are the fields decodeStreamsFast fills, in the order set uses.
var streamKeys = [...]string{"num", "name", "stream_type", "stream_id", "stream_icon", "epg_channel_id",
	"added", "category_id", "custom_sid", "tv_archive", "tv_archive_duration", "direct_source"}

// set decodes raw into the i-th field of streamKeys.
func (st *Stream) set(i int, raw []byte) {
	switch i {
	case 0:
		_ = st.Num.UnmarshalJSON(raw)
	case 1:
		_ = st.Name.UnmarshalJSON(raw)
	case 2:
		_ = st.StreamType.UnmarshalJSON(raw)
	case 3:
		_ = st.StreamID.UnmarshalJSON(raw)
	case 4:
		_ = st.StreamIcon.UnmarshalJSON(raw)
	case 5:
		_ = st.EPGChannelID.UnmarshalJSON(raw)
	case 6:
		_ = st.Added.UnmarshalJSON(raw)
	case 7:
		_ = st.CategoryID.UnmarshalJSON(raw)
	case 8:
		_ = st.CustomSID.UnmarshalJSON(raw)
	case 9:
		_ = st.TVArchive.UnmarshalJSON(raw)
	case 10:
		_ = st.TVArchiveDuration.UnmarshalJSON(raw)
	case 11:
		_ = st.DirectSource.UnmarshalJSON(raw)
	}
}

// keyIndex finds a quoted key's field: its index in streamKeys, -1 for a
// key that is skipped, and ok false for a key whose match under Unicode case
// folding cannot be settled here. Keys match exactly or by ASCII case, as
// encoding/json matches them.
func keyIndex(quoted []byte) (int, bool) {
	inner := quoted[1 : len(quoted)-1]
	for i, k := range streamKeys {
		if string(inner) == k { // compared without a copy
			return i, true
		}
	}
	key, ok := unquote(quoted)
	if !ok {
		return 0, false
	}
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return 0, false
		}
	}
	for i, k := range streamKeys {
		if asciiEqualFold(k, key) {
			return i, true
		}
	}
	return -1, true
}

type scan struct {
	b   []byte
	pos int
	// short is set when a check failed for want of bytes past the end of b
	// rather than on a byte it saw; together with pos at the end it tells a
	// streaming caller that more input may yet make the value whole.
	short bool
}

// cut reports whether the last failure may be only the end of the window.
func (s *scan) cut() bool { return s.short || s.pos >= len(s.b) }

func (s *scan) ws() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scan) eat(c byte) bool {
	if s.pos < len(s.b) && s.b[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

// end reports whether only whitespace is left.
func (s *scan) end() bool {
	s.ws()
	return s.pos == len(s.b)
}

func (s *scan) object(st *Stream) bool {
	return s.members(func(key, raw []byte) bool {
		field, ok := keyIndex(key)
		if ok {
			st.set(field, raw)
		}
		return ok
	})
}

// members reads the object at s.pos, handing take each key (quoted) and
// its value as raw JSON. It is false for what is not an object the fast
// path reads, or a member take declines: the caller then leaves the whole
// answer to encoding/json.
func (s *scan) members(take func(key, raw []byte) bool) bool {
	if !s.eat('{') {
		return false
	}
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
		key := s.b[start:s.pos]
		s.ws()
		if !s.eat(':') {
			return false
		}
		s.ws()
		vstart := s.pos
		if !s.value(0) || !take(key, s.b[vstart:s.pos]) {
			return false
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

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

const maxDepth = 1000

// value skips one JSON value, checking it is valid.
func (s *scan) value(depth int) bool {
	if s.pos >= len(s.b) || depth > maxDepth {
		return false
	}
	switch c := s.b[s.pos]; {
	case c == '"':
		return s.str()
	case c == '{':
		return s.container('}', depth, true)
	case c == '[':
		return s.container(']', depth, false)
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || ('0' <= c && c <= '9'):
		return s.number()
	}
	return false
}

func (s *scan) container(closer byte, depth int, keyed bool) bool {
	s.pos++
	s.ws()
	if s.eat(closer) {
		return true
	}
	for {
		s.ws()
		if keyed {
			if !s.str() {
				return false
			}
			s.ws()
			if !s.eat(':') {
				return false
			}
			s.ws()
		}
		if !s.value(depth + 1) {
			return false
		}
		s.ws()
		if s.eat(closer) {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
}

func (s *scan) lit(word string) bool {
	if len(s.b)-s.pos < len(word) {
		s.short = true
		return false
	}
	if string(s.b[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return false
}

// str skips a string, checking its escapes; invalid UTF-8 is allowed, as
// encoding/json allows it.
func (s *scan) str() bool {
	if !s.eat('"') {
		return false
	}
	for s.pos < len(s.b) {
		c := s.b[s.pos]
		switch {
		case c == '"':
			s.pos++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if !s.escape() {
				return false
			}
		default:
			s.pos++
		}
	}
	return false
}

func (s *scan) escape() bool {
	s.pos++ // the backslash
	if s.pos >= len(s.b) {
		return false
	}
	switch s.b[s.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
		return true
	case 'u':
		if len(s.b)-s.pos < 5 {
			s.short = true
			return false
		}
		for _, h := range s.b[s.pos+1 : s.pos+5] {
			if !isHex(h) {
				return false
			}
		}
		s.pos += 5
		return true
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number skips -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scan) number() bool {
	s.eat('-')
	switch {
	case s.eat('0'):
	case s.pos < len(s.b) && '1' <= s.b[s.pos] && s.b[s.pos] <= '9':
		s.digits()
	default:
		return false
	}
	if s.eat('.') && !s.digits() {
		return false
	}
	if s.eat('e') || s.eat('E') {
		if !s.eat('+') {
			s.eat('-')
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits skips one or more digits.
func (s *scan) digits() bool {
	start := s.pos
	for s.pos < len(s.b) && '0' <= s.b[s.pos] && s.b[s.pos] <= '9' {
		s.pos++
	}
	return s.pos > start
}
