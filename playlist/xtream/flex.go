package xtream

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
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

// unquote reads a JSON string. Most panel strings have no escapes, and
// skipping the general decoder for them makes a list of 300,000 streams
// decode several times faster.
func unquote(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		if utf8.Valid(inner) {
			return string(inner), true
		}
		return strings.ToValidUTF8(string(inner), "\uFFFD"), true
	}
	var s string
	if json.Unmarshal(b, &s) != nil {
		return "", false
	}
	return s, true
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
