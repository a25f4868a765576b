package library

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/words"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// detailLines is how many lines under the list describe the line chosen.
const detailLines = 2

// listHeight is the rows the list shows: the area minus the title line,
// a separator and the detail.
func (m *Model) listHeight() int { return max(m.height-2-detailLines, 1) }

// View implements common.Component: exactly height lines of width cells.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, 1)
	st, cells := m.com.Styles, m.com.Cells
	lines := make([]string, 0, h)
	lines = append(lines, common.Fit(cells, st.PaneActive.Render, m.title(), w))
	lines = append(lines, m.listLines(w)...)
	lines = append(lines, common.Fit(cells, st.Separator.Render, strings.Repeat("─", w), w))
	for _, d := range m.detail() {
		lines = append(lines, common.Fit(cells, st.Detail.Render, d, w))
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}

func (m *Model) title() string {
	counts := map[State]int{}
	for _, it := range m.items {
		counts[it.State]++
	}
	parts := []string{"Recordings"}
	for _, s := range []State{Recording, Scheduled, Done, Partial, Failed} {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	return strings.Join(parts, " · ")
}

func (m *Model) listLines(w int) []string {
	out := make([]string, m.listHeight())
	st, cells := m.com.Styles, m.com.Cells
	plain := func(s ...string) string { return strings.Join(s, "") }
	switch {
	case !m.loaded:
		out[0] = "  Reading the recordings…"
	case m.err != nil:
		out[0] = "  The recordings could not be read: " + common.Clean(m.com.Mask(m.err.Error()))
	case len(m.items) == 0:
		out[0] = "  Nothing recorded yet: R on a channel records it, R on a programme schedules it."
	}
	for i := range out {
		k, render := m.top+i, plain
		if k < len(m.items) {
			out[i] = m.row(k, w)
			if k == m.cursor {
				render = st.Selected.Render
			}
		}
		out[i] = common.Fit(cells, render, out[i], w)
	}
	return out
}

// marks tell the states apart without colour.
var marks = map[State]string{Recording: "●", Scheduled: "◷", Done: "✓", Partial: "◐", Failed: "✗", Cancelled: "–"}

func (m *Model) row(k, w int) string {
	it := m.items[k]
	cur := "  "
	if k == m.cursor {
		cur = "▶ "
	}
	left := cur + marks[it.State] + " " + common.Clean(m.com.Mask(it.Name()))
	now := m.now()
	var right string
	switch {
	case it.Path == "": // to come, or never written: when it was meant for
		right = when(it.Start, now) + span(it.Until, now)
	default:
		right = when(it.Start, now) + "  " + length(it.Length) + "  " + playlist.Size(it.Bytes)
	}
	return common.JoinEnds(m.com.Cells, left, right, w)
}

// detail says more of the line chosen: its state in words, then the file
// or the latest trouble.
func (m *Model) detail() []string {
	out := make([]string, detailLines)
	it := m.Selected()
	if it == nil {
		return out
	}
	now := m.now()
	switch it.State {
	case Recording:
		out[0] = "recording since " + clock(it.Start, now)
		if !it.Until.IsZero() {
			out[0] += " until " + clock(it.Until, now)
		}
		out[0] += ", " + length(it.Length) + " so far · enter watches it as it records"
	case Scheduled:
		out[0] = "scheduled " + when(it.Start, now) + span(it.Until, now) + " with its padding · d cancels it"
	case Failed, Cancelled:
		if it.Path == "" {
			out[0] = string(it.State) + " · " + when(it.Start, now) + span(it.Until, now) + " · nothing was written"
			break
		}
		fallthrough
	default:
		out[0] = string(it.State) + " · " + length(it.Length) + " · " + playlist.Size(it.Bytes)
		if it.Gaps > 0 {
			out[0] += " · " + words.Count(it.Gaps, "gap")
		}
	}
	switch {
	case it.Note != "":
		out[1] = common.Clean(m.com.Mask(it.Note))
	case it.Path != "":
		out[1] = common.Clean(filepath.Base(it.Path))
	}
	return out
}

// when is a start as people read it: the time today, the weekday within
// a week, else the date.
func when(t, now time.Time) string {
	t = t.In(now.Location())
	switch {
	case t.IsZero():
		return ""
	case common.SameDay(t, now):
		return t.Format("15:04")
	case t.Sub(now).Abs() < 6*24*time.Hour:
		return t.Format("Mon 15:04")
	}
	return t.Format("2 Jan 15:04")
}

func clock(t, now time.Time) string { return t.In(now.Location()).Format("15:04") }

func span(until, now time.Time) string {
	if until.IsZero() {
		return ""
	}
	return "–" + clock(until, now)
}

// length is how long a recording ran, to the second, as the series screen
// says where an episode was left.
func length(d time.Duration) string { return browser.Clock(d.Round(time.Second)) }
