package playlist

import (
	"strings"
	"unicode/utf8"
)

// Printable makes a name or text from a playlist, a guide or a provider safe
// to print on a terminal: every control character becomes a space, and so
// does every rune of an escape sequence (ESC or a C1 control and what follows
// it, up to its end), so no text can write the clipboard (OSC 52), plant a
// link (OSC 8), set the window title, clear the screen, or reorder a line
// with a bidi override. One rune is replaced by one space, so rune positions
// in the result line up with those in s (the browser highlights by them).
// Invalid UTF-8 becomes U+FFFD.
func Printable(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var sc escScanner
	for _, r := range s {
		if sc.swallow(r) || unsafeRune(r) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPrintable is the fast path: most names need nothing done.
func isPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		} else if c >= 0x80 {
			return isPrintableUTF8(s[i:])
		}
	}
	return true
}

func isPrintableUTF8(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports whether r makes a terminal do something other than
// print it: C0 and C1 controls, DEL, the bidi marks, embeddings, overrides
// and isolates, and the line and paragraph separators.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// escScanner follows escape sequences (ECMA-48) rune by rune.
type escScanner struct{ state escState }

type escState uint8

const (
	escNone   escState = iota
	escStart           // after ESC
	escCSI             // parameters of a control sequence, up to its final byte
	escString          // OSC, DCS, SOS, PM, APC: up to BEL or ST
	escStrEsc          // ESC inside a string: ST when a backslash follows
)

// swallow reports whether r belongs to an escape sequence, r itself
// included when it starts one. A rune that cannot continue the sequence
// ends it and is judged on its own.
func (e *escScanner) swallow(r rune) bool {
	switch e.state {
	case escStart:
		e.state = escNone
		switch {
		case r == '[':
			e.state = escCSI
		case r == ']', r == 'P', r == 'X', r == '^', r == '_':
			e.state = escString
		case r >= 0x20 && r <= 0x2f: // intermediate bytes before the final one
			e.state = escStart
		case r >= 0x30 && r <= 0x7e:
		default:
			return e.begin(r)
		}
		return true
	case escCSI:
		switch {
		case r >= 0x20 && r <= 0x3f:
			return true
		case r >= 0x40 && r <= 0x7e:
			e.state = escNone
			return true
		}
		e.state = escNone
		return e.begin(r)
	case escString:
		switch r {
		case 0x07, 0x9c:
			e.state = escNone
		case 0x1b:
			e.state = escStrEsc
		}
		return true
	case escStrEsc:
		e.state = escString
		if r == '\\' {
			e.state = escNone
		}
		return true
	}
	return e.begin(r)
}

// begin starts a sequence when r introduces one.
func (e *escScanner) begin(r rune) bool {
	switch r {
	case 0x1b:
		e.state = escStart
	case 0x9b:
		e.state = escCSI
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f:
		e.state = escString
	default:
		return false
	}
	return true
}

// EscapeJSON writes every rune Printable would replace as a \u escape, in
// JSON that encoding/json produced: it leaves C1 controls and bidi overrides
// raw, and a terminal showing the JSON would obey them. Such runes occur
// only inside strings there, so the result is the same JSON.
func EscapeJSON(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < 0x80 {
		i++
	}
	if i == len(b) {
		return b
	}
	out := append(make([]byte, 0, len(b)+16), b[:i]...)
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x80 && unsafeRune(r) {
			out = append(out, `\u`...)
			out = append(out, hex4(r)...)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func hex4(r rune) []byte {
	const digits = "0123456789abcdef"
	return []byte{digits[r>>12&0xf], digits[r>>8&0xf], digits[r>>4&0xf], digits[r&0xf]}
}

// OneLine is s made Printable with every run of spaces, tabs and line breaks
// squeezed to one space and none at either end: for a provider's message or
// an error quoted inside a sentence.
func OneLine(s string) string { return strings.Join(strings.Fields(Printable(s)), " ") }

// IsHTTP reports whether s is an http or https URL, whatever its case and the
// spaces around it.
func IsHTTP(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
