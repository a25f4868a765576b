package browser

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// clean blanks control characters and escape sequences, one rune for one,
// so a playlist cannot move the cursor or change colours, and rune positions
// from Highlight still line up.
func clean(s string) string { return playlist.Printable(s) }

// fit cuts s to at most w cells, marking a cut with "…", and returns the text
// kept (without the mark), the mark, and the cells used. Wide characters
// and emoji are measured as the terminal draws them, so columns stay aligned.
func fit(cells ansi.Method, s string, w int) (kept, tail string, used int) {
	if w <= 0 {
		return "", "", 0
	}
	if sw := cells.StringWidth(s); sw <= w {
		return s, "", sw
	}
	kept = cells.Truncate(s, w-1, "")
	return kept, "…", cells.StringWidth(kept) + 1
}

// padRight pads s (already measured as used cells) to w cells.
func padRight(s string, used, w int) string {
	if used >= w {
		return s
	}
	return s + strings.Repeat(" ", w-used)
}

// renderText draws s in exactly w cells with base, restyling the runes at the
// positions in hl (ascending rune indexes) with match. A grapheme is matched
// when any of its runes is, so escape codes never split a cluster.
func renderText(cells ansi.Method, s string, w int, hl []int, base, match styles.Paint) string {
	s = clean(s)
	kept, tail, used := fit(cells, s, w)
	pad := strings.Repeat(" ", max(w-used, 0))
	if len(hl) == 0 {
		return base.Render(kept + tail + pad)
	}
	var b strings.Builder
	var run strings.Builder
	runMatched := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if runMatched {
			b.WriteString(match.Render(run.String()))
		} else {
			b.WriteString(base.Render(run.String()))
		}
		run.Reset()
	}
	ri, h := 0, 0
	for rest := kept; rest != ""; {
		cluster, _ := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		if cluster == "" {
			cluster = rest[:1]
		}
		n := utf8.RuneCountInString(cluster)
		for h < len(hl) && hl[h] < ri {
			h++
		}
		matched := h < len(hl) && hl[h] < ri+n
		if matched != runMatched {
			flush()
			runMatched = matched
		}
		run.WriteString(cluster)
		ri += n
		rest = rest[len(cluster):]
	}
	flush()
	if tail != "" || pad != "" {
		b.WriteString(base.Render(tail + pad))
	}
	return b.String()
}
