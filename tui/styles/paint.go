package styles

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Paint is a style reduced to the escape codes before and after the text.
// Lists draw many short pieces per frame; wrapping them in two precomputed
// strings costs a concatenation instead of a full Style.Render. Only for
// styles without width, padding, margins or borders.
type Paint struct{ open, close string }

// PaintOf reduces st to a Paint.
func PaintOf(st lipgloss.Style) Paint {
	r := st.Render("X")
	i := strings.Index(r, "X")
	if i < 0 {
		return Paint{}
	}
	return Paint{open: r[:i], close: r[i+1:]}
}

// Render wraps s in the style's codes.
func (p Paint) Render(s string) string {
	if s == "" || p.open == "" && p.close == "" {
		return s
	}
	return p.open + s + p.close
}

// Write appends s in the style's codes to b.
func (p Paint) Write(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	b.WriteString(p.open)
	b.WriteString(s)
	b.WriteString(p.close)
}
