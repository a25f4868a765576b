package guide

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

// detailLines is how many lines the programme under the cursor gets below
// the list: times and kind, then the description.
const detailLines = 3

// Markers carry the meaning that colour cannot on a monochrome terminal.
const (
	markSelected = "▶ "
	markNone     = "  "
	markOnAir    = "● "
	markArchive  = "↺ " // in the archive: it plays again
)

func (m *Model) showDetails() bool { return m.height >= 8 }

func (m *Model) listHeight() int {
	h := m.height - 1 // title
	if m.showDetails() {
		h -= 1 + detailLines // separator and details
	}
	return max(h, 1)
}

// View draws exactly height lines of exactly width cells.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, 1)
	st := m.com.Styles
	lines := make([]string, 0, h)
	title := "Schedule · " + clean(m.ch.Name)
	right := ""
	if n := len(m.progs); n > 0 {
		right = fmt.Sprintf("%d programmes · times in %s", n, zoneName(m.now))
	}
	lines = append(lines, m.joinEnds(st.PaneActive.Render(m.fit(title, w)), st.Hint.Render(right), w))
	if len(m.progs) == 0 {
		for _, l := range m.emptyText() {
			lines = append(lines, m.pad("  "+st.Hint.Render(m.fit(l, w-2)), w))
		}
	} else {
		lines = append(lines, m.rows(w)...)
		if m.showDetails() {
			for len(lines) < h-detailLines-1 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Separator.Render(strings.Repeat("─", w)))
			lines = append(lines, m.details(w)...)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines[:h] {
		lines[i] = m.pad(l, w)
	}
	return strings.Join(lines[:h], "\n")
}

func (m *Model) emptyText() []string {
	switch {
	case m.g == nil && m.loading:
		return []string{"The programme guide is still loading.", "Press esc, and " + common.HelpKeys(scheduleKeys(m.com.Keys)) + " again in a moment."}
	case m.g == nil:
		return []string{
			"No programme guide is loaded.",
			"The guide comes from the playlist's url-tvg or a configured XMLTV guide.",
		}
	case !m.k.Valid():
		lines := []string{"The guide has no channel for " + clean(m.ch.Name) + "."}
		if m.ch.TvgID != "" {
			lines = append(lines, "Its tvg-id "+clean(m.ch.TvgID)+" is not among the guide's ids.")
		} else {
			lines = append(lines, "It has no tvg-id, and its name matches none in the guide.")
		}
		return append(lines, "tuner epg unmatched lists every channel without a guide.")
	}
	return []string{"The guide lists no programmes for this channel around now."}
}

// rows draws the visible part of the list. The day is shown on the first
// row of each day and on the first row in view.
func (m *Model) rows(w int) []string {
	st := m.com.Styles
	h := m.listHeight()
	end := min(m.offset+h, len(m.progs))
	out := make([]string, 0, end-m.offset)
	for i := m.offset; i < end; i++ {
		p := &m.progs[i]
		start := m.local(p.Start)
		day := "      "
		if i == m.offset || !common.SameDay(start, m.local(m.progs[i-1].Start)) {
			day = start.Format("Mon 02")
		}
		mark, air := markNone, "  "
		style := st.Row
		switch {
		case i == m.onAir:
			air, style = markOnAir, st.Playing
		case m.replayable(p):
			air = markArchive
		}
		if i == m.cursor {
			mark, style = markSelected, st.Selected
		}
		text := mark + day + " " + start.Format("15:04") + " " + air + clean(title(p))
		out = append(out, style.Render(m.fit(text, w)))
	}
	return out
}

// details describes the programme under the cursor: when, how long, what
// kind, then as much of the description as fits.
func (m *Model) details(w int) []string {
	st := m.com.Styles
	p := &m.progs[m.cursor]
	start := m.local(p.Start)
	when := start.Format("Mon 02 Jan 15:04")
	if !p.Stop.IsZero() {
		when += "–" + m.local(p.Stop).Format("15:04") + " (" + duration(p.Stop.Sub(p.Start)) + ")"
	}
	parts := []string{when}
	if p.Episode != "" {
		parts = append(parts, p.Episode)
	}
	if len(p.Categories) > 0 {
		parts = append(parts, strings.Join(p.Categories, ", "))
	}
	switch {
	case m.onNow(p):
		parts = append(parts, "on now")
	case m.replayable(p):
		parts = append(parts, "in the archive")
	case p.Stop.Before(m.now) && m.archive.Window() > 0:
		parts = append(parts, "no longer in the archive")
	}
	out := []string{st.Detail.Render(m.fit(clean(strings.Join(parts, " · ")), w))}
	desc := strings.Fields(clean(p.Desc))
	wrapped := strings.Split(ansi.Wordwrap(strings.Join(desc, " "), max(w-2, 1), ""), "\n")
	for i := range detailLines - 1 {
		if i >= len(wrapped) || len(desc) == 0 {
			break
		}
		l := wrapped[i]
		if i == detailLines-2 && len(wrapped) > detailLines-1 {
			l = m.com.Cells.Truncate(l+" …", w, "…")
		}
		out = append(out, st.Row.Render(m.fit(l, w)))
	}
	return out
}

func title(p *epg.Programme) string {
	if p.SubTitle != "" {
		return p.Title + ": " + p.SubTitle
	}
	return p.Title
}

// local shows times in the zone of the clock: local time in use, a fixed
// zone in tests.
func (m *Model) local(t time.Time) time.Time { return t.In(m.now.Location()) }

func zoneName(now time.Time) string {
	name, _ := now.Zone()
	return name
}

func duration(d time.Duration) string {
	mins := int(d.Round(time.Minute) / time.Minute)
	if mins < 60 {
		return fmt.Sprintf("%d min", mins)
	}
	if mins%60 == 0 {
		return fmt.Sprintf("%d h", mins/60)
	}
	return fmt.Sprintf("%dh%02d", mins/60, mins%60)
}

// fit cuts plain text to at most w cells, marking a cut with "…".
func (m *Model) fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if m.com.Cells.StringWidth(s) <= w {
		return s
	}
	return m.com.Cells.Truncate(s, w, "…")
}

// pad cuts or pads a styled line to exactly w cells.
func (m *Model) pad(s string, w int) string {
	cells := m.com.Cells
	sw := cells.StringWidth(s)
	if sw > w {
		s = cells.Truncate(s, w, "")
		sw = cells.StringWidth(s)
	}
	return s + strings.Repeat(" ", w-sw)
}

// joinEnds puts left at the start and right at the end of a w-cell line,
// dropping right when both do not fit.
func (m *Model) joinEnds(left, right string, w int) string {
	lw, rw := m.com.Cells.StringWidth(left), m.com.Cells.StringWidth(right)
	if lw+1+rw > w {
		return left
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// clean blanks control characters and escape sequences so guide text
// cannot move the cursor or change colours.
func clean(s string) string { return playlist.Printable(s) }
