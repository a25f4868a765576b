package grid

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

// detailLines is the selected programme's share below the grid: when and
// where, then its description.
const detailLines = 3

// nameWidth is the channel column: a fifth of the width, within bounds.
func (m *Model) nameWidth() int { return min(max(m.width/5, 8), 24) }

// rowsInView is how many channels show: the area less the time ruler, the
// separator and the details.
func (m *Model) rowsInView() int { return max(m.height-2-detailLines, 1) }

// View implements common.Component: exactly height lines of width cells.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, 1)
	lines := make([]string, 0, h)
	lines = append(lines, m.ruler(w))
	for i := range m.rowsInView() {
		r := m.top + i
		if r >= m.src.Len {
			if r == 0 {
				lines = append(lines, m.pad("  No channels in this list.", w))
				continue
			}
			lines = append(lines, strings.Repeat(" ", w))
			continue
		}
		lines = append(lines, m.rowLine(r, w))
	}
	lines = append(lines, m.com.Styles.Separator.Render(strings.Repeat("─", w)))
	lines = append(lines, m.details(w)...)
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}

// cells is how many cells the time area has, and per column.
func (m *Model) cells(w int) (area, per int) {
	area = max(w-m.nameWidth()-1, 6)
	return area, max(area/int(Span/column), 1)
}

// x is where t falls in the time area, clamped to it.
func (m *Model) x(t time.Time, w int) int {
	area, per := m.cells(w)
	x := int(t.Sub(m.t0) * time.Duration(per) / column)
	return min(max(x, 0), area)
}

// ruler is the day and the half-hours, with now marked when in view.
func (m *Model) ruler(w int) string {
	area, per := m.cells(w)
	b := []rune(strings.Repeat(" ", area))
	for c := 0; c*per < area; c++ {
		label := []rune(m.local(m.t0.Add(time.Duration(c) * column)).Format("15:04"))
		for i, r := range label {
			if c*per+i < area {
				b[c*per+i] = r
			}
		}
	}
	if !m.now.Before(m.t0) && m.now.Before(m.t0.Add(Span)) {
		if x := m.x(m.now, w); x < area {
			b[freeNear(b, x)] = '▼'
		}
	}
	day := m.pad(m.local(m.at).Format("Mon 02 Jan"), m.nameWidth())
	return m.com.Styles.PaneActive.Render(day+" ") + m.com.Styles.Hint.Render(string(b))
}

// freeNear is the blank cell nearest x, so the now marker never cuts a
// time in two; x itself when a label fills the whole stretch.
func freeNear(b []rune, x int) int {
	for d := 0; d < 4; d++ {
		for _, i := range []int{x + d, x - d} {
			if i >= 0 && i < len(b) && b[i] == ' ' {
				return i
			}
		}
	}
	return x
}

// rowLine is one channel: its name, then its programmes laid out in time,
// each opening with a bar so neighbours read apart without colour.
func (m *Model) rowLine(r, w int) string {
	st := m.com.Styles
	ch := m.src.Channel(r)
	name := m.pad(common.Clean(ch.Name), m.nameWidth())
	if r == m.row {
		name = st.Selected.Render(name)
	}
	area, _ := m.cells(w)
	g, k := m.src.Guide(r)
	if g == nil || !k.Valid() {
		return name + " " + st.Hint.Render(m.pad("no guide", area))
	}
	var b strings.Builder
	pos := 0
	sel := m.Selected()
	for _, p := range g.Schedule(k, m.t0, m.t0.Add(Span)) {
		x0, x1 := m.x(p.Start, w), m.x(p.Stop, w)
		if p.Stop.IsZero() {
			x1 = area
		}
		if x1 <= pos {
			continue
		}
		x0 = max(x0, pos)
		b.WriteString(strings.Repeat(" ", x0-pos))
		bar, style := "│", st.Row
		selected := r == m.row && sel != nil && sel.Start.Equal(p.Start)
		if selected {
			bar = "▶" // the cursor, without colour too
		}
		cell := m.pad(bar+m.mark(r, &p)+common.Clean(p.Title), x1-x0)
		switch {
		case selected:
			style = st.Selected
		case m.onNow(&p):
			style = st.Playing
		}
		b.WriteString(style.Render(cell))
		pos = x1
	}
	b.WriteString(strings.Repeat(" ", max(area-pos, 0)))
	return name + " " + b.String()
}

// mark is a programme's word without colour: ↺ what the archive holds,
// ● what is on now.
func (m *Model) mark(r int, p *epg.Programme) string {
	switch {
	case m.onNow(p):
		return "●"
	case m.replayable(r, p):
		return "↺"
	}
	return ""
}

func (m *Model) details(w int) []string {
	st := m.com.Styles
	out := make([]string, detailLines)
	for i := range out {
		out[i] = strings.Repeat(" ", w)
	}
	if m.src.Len == 0 {
		return out
	}
	ch := m.src.Channel(m.row)
	p := m.Selected()
	if p == nil {
		out[0] = st.Detail.Render(m.pad(common.Clean(ch.Name)+" · no programme known at "+m.local(m.at).Format("Mon 15:04"), w))
		return out
	}
	when := m.local(p.Start).Format("Mon 02 Jan 15:04")
	if !p.Stop.IsZero() {
		when += "–" + m.local(p.Stop).Format("15:04")
	}
	parts := []string{common.Clean(p.Title), common.Clean(ch.Name), when}
	switch {
	case m.onNow(p):
		parts = append(parts, "on now")
	case m.replayable(m.row, p):
		parts = append(parts, "in the archive")
	case p.Start.After(m.now):
		parts = append(parts, "later")
	}
	out[0] = st.Detail.Render(m.pad(strings.Join(parts, " · "), w))
	desc := strings.Split(ansi.Wordwrap(common.Clean(p.Desc), max(w-1, 1), ""), "\n")
	for i := 1; i < detailLines && i-1 < len(desc); i++ {
		out[i] = st.Row.Render(m.pad(desc[i-1], w))
	}
	return out
}

func (m *Model) local(t time.Time) time.Time { return t.In(m.now.Location()) }

// pad cuts or pads plain text to exactly w cells.
func (m *Model) pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if m.com.Cells.StringWidth(s) > w {
		s = m.com.Cells.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-m.com.Cells.StringWidth(s))
}
