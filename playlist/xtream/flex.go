package xtream

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Panels disagree on JSON types: the same field arrives as 1, "1", "", null,
// true or "true" depending on the panel and its version. These types accept
// every shape and fall back to the zero value instead of failing the whole
// answer over one odd field.

// Int is a number sent as a JSON number, a numeric string, a bool or null.
type Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error {
	*n = 0
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		s, ok := unquote(b)
		if !ok {
			return nil
		}
		*n = Int(parseInt(strings.TrimSpace(s)))
	case 't':
		*n = 1
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		*n = Int(parseInt(string(b)))
	}
	return nil
}

func parseInt(s string) int64 {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > -9.2e18 && f < 9.2e18 {
		return int64(f)
	}
	return 0
}

// Str is text sent as a JSON string, a number, a bool or null.
type Str string

// UnmarshalJSON implements json.Unmarshaler.
func (s *Str) UnmarshalJSON(b []byte) error {
	*s = ""
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		if v, ok := unquote(b); ok {
			*s = Str(v)
		}
	case 'n', '{', '[':
		// null, or a shape no panel means as text
	default:
		*s = Str(b) // numbers and booleans keep their JSON spelling
	}
	return nil
}

// unquote reads a JSON string as encoding/json does, without its general
// machinery: panels built on PHP escape every "/" and non-ASCII letter, so
// nearly every string has escapes, and big lists hold millions of strings.
func unquote(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	if inner := b[1 : len(b)-1]; plain(inner) {
		return string(inner), true
	}
	out, ok := appendUnquoted(make([]byte, 0, len(b)), b)
	return string(out), ok
}

// appendUnquoted appends the text of the JSON string b to out, which is
// returned cut back to its old length when b is not a valid string.
func appendUnquoted(out, b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return out, false
	}
	inner := b[1 : len(b)-1]
	if plain(inner) {
		return append(out, inner...), true
	}
	n := len(out)
	for i := 0; i < len(inner); {
		switch c := inner[i]; {
		case c == '\\':
			var ok bool
			if out, i, ok = unescape(out, inner, i); !ok {
				return out[:n], false
			}
		case c == '"' || c < 0x20:
			return out[:n], false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(inner[i:])
			out = utf8.AppendRune(out, r) // an invalid byte becomes U+FFFD
			i += size
		}
	}
	return out, true
}

// plain reports whether s needs no decoding: no escapes, no bytes a JSON
// string may not hold, valid UTF-8.
func plain(s []byte) bool {
	for _, c := range s {
		if c == '\\' || c == '"' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(s)
}

// unescape appends the escape at s[i:] and returns the index after it. A
// lone UTF-16 surrogate becomes U+FFFD, as encoding/json decodes it.
func unescape(out, s []byte, i int) ([]byte, int, bool) {
	if i+1 >= len(s) {
		return out, i, false
	}
	switch c := s[i+1]; c {
	case '"', '\\', '/':
		return append(out, c), i + 2, true
	case 'b':
		return append(out, '\b'), i + 2, true
	case 'f':
		return append(out, '\f'), i + 2, true
	case 'n':
		return append(out, '\n'), i + 2, true
	case 'r':
		return append(out, '\r'), i + 2, true
	case 't':
		return append(out, '\t'), i + 2, true
	case 'u':
		r := hex4(s[i:])
		if r < 0 {
			return out, i, false
		}
		i += 6
		if utf16.IsSurrogate(r) {
			if dec := utf16.DecodeRune(r, hex4(s[i:])); dec != utf8.RuneError {
				return utf8.AppendRune(out, dec), i + 6, true
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(out, r), i, true
	}
	return out, i, false
}

// hex4 reads the rune of a \uXXXX escape at the start of s, or -1.
func hex4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// Bool is a flag sent as true/false, 0/1, "0"/"1", "true"/"false" or null.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	var s Str
	_ = s.UnmarshalJSON(b)
	switch strings.ToLower(strings.TrimSpace(string(s))) {
	case "", "0", "false", "no", "off", "null":
		*v = false
	default:
		*v = parseFloatOr(string(s), 1) != 0
	}
	return nil
}

func parseFloatOr(s string, def float64) float64 {
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		return f
	}
	return def
}

// Strs is a list of text sent as an array, a single string, or null.
type Strs []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *Strs) UnmarshalJSON(b []byte) error {
	*l = nil
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	if b[0] != '[' {
		var s Str
		_ = s.UnmarshalJSON(b)
		if s != "" {
			*l = Strs{string(s)}
		}
		return nil
	}
	var items []Str
	if json.Unmarshal(b, &items) != nil {
		return nil
	}
	for _, it := range items {
		if it != "" {
			*l = append(*l, string(it))
		}
	}
	return nil
}
