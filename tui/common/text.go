package common

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
)

// Clean keeps a provider's text to one printable line: runs of spaces,
// tabs and newlines become one space, control characters go.
func Clean(s string) string { return playlist.Printable(strings.Join(strings.Fields(s), " ")) }

// Fit pads or cuts text to exactly w cells, then renders it.
func Fit(cells ansi.Method, render func(...string) string, text string, w int) string {
	if cells.StringWidth(text) > w {
		text = cells.Truncate(text, max(w-1, 0), "…")
	}
	return render(text + strings.Repeat(" ", max(w-cells.StringWidth(text), 0)))
}

// JoinEnds lays left and right on one line of w cells, right-aligned; the
// left part is cut first, and the right one dropped when no room is left.
func JoinEnds(cells ansi.Method, left, right string, w int) string {
	lw, rw := cells.StringWidth(left), cells.StringWidth(right)
	if lw+1+rw > w {
		left = cells.Truncate(left, max(w-rw-2, 1), "…")
		lw = cells.StringWidth(left)
	}
	if lw+1+rw > w {
		return left
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// SameDay reports whether a and b fall on one calendar day, each in its
// own location.
func SameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
