package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/session"
)

// statusLine is the bar above the footer: what is happening now on the
// left, what is loaded and the slot on the right.
func (m *Model) statusLine(w int) string {
	st := m.com.Styles
	left, leftErr := m.statusLeft()
	parts := m.statusRight()
	if p, ok := m.nowPlaying(); ok {
		if l, r, ok := fitPlaying(m.com.Cells, w, p, parts); ok {
			left, parts = l, r
		}
	}
	// What tuner shows here may quote a provider or a player, which may
	// quote a password.
	left, right := m.com.Mask(left), m.com.Mask(strings.Join(parts, " · "))
	if leftErr {
		left = st.StatusErr.Render(" "+left+" ") + " "
	} else if left != "" {
		left = " " + left + " "
	}
	return m.joinStatus(w, left, right, leftErr)
}

// statusGap is the least room between the left part's trailing space and
// the right part: with less, "320×180 50 channels" reads as one part.
const statusGap = 2

// joinStatus lays the left part and the right part on one line of w cells.
// When both do not fit apart, the right part is cut after a "· " that keeps
// them apart, and dropped when not even a few letters of it would fit. An
// error on the left is set apart by its own colour and a space.
func (m *Model) joinStatus(w int, left, right string, apart bool) string {
	style, cells := m.com.Styles.Status, m.com.Cells
	lw, rw := cells.StringWidth(left), cells.StringWidth(right)+1
	gap, sep := statusGap, "· "
	if apart || left == "" || right == "" {
		gap, sep = 0, ""
	}
	const minRight = 4
	sepW := cells.StringWidth(sep)
	switch {
	case lw+gap+rw <= w:
		return left + style.Render(strings.Repeat(" ", w-lw-rw)+right+" ")
	case lw+sepW+minRight < w:
		r := sep + cells.Truncate(right, w-lw-sepW-1, "…")
		return left + style.Render(r+strings.Repeat(" ", w-lw-cells.StringWidth(r)))
	}
	return pad(cells, cells.Truncate(left, w, "…"), w)
}

func (m *Model) statusLeft() (string, bool) {
	switch {
	case m.quitting:
		return "stopping…", false
	case m.status.Text != "":
		return m.status.Text, m.status.Err
	}
	if s := m.play.text(); s != "" {
		return s, m.play.state == session.Refused || m.play.state == session.Failed
	}
	return m.load.loadingText(), false
}

// nowPlaying is the left part in pieces when it says what plays and the
// right part ends with the slot state.
func (m *Model) nowPlaying() (nowPlaying, bool) {
	if m.quitting || m.status.Text != "" || m.play.state != session.Playing || m.opts.Controller == nil {
		return nowPlaying{}, false
	}
	return m.play.nowPlaying(), true
}

func (m *Model) statusRight() []string {
	out := m.guide.appendGuideStatus(m.load.catalogText(m.browser.Tab(), m.browser.Catalog()))
	if age := m.load.cacheAge(m.opts.Now()); age != "" {
		out = append(out, age)
	}
	if rec := m.recordingText(); rec != "" {
		out = append(out, rec)
	}
	if m.soon.line != "" && m.play.playing() {
		out = append(out, m.soon.line)
	}
	if m.opts.Controller != nil {
		out = append(out, slotText(m.play.slots))
	}
	return out
}

func slotText(s session.SlotStatus) string {
	limit := max(s.Limit, 1)
	if s.Held > 0 {
		return fmt.Sprintf("slot %d/%d held by this tuner", s.Held, limit)
	}
	return fmt.Sprintf("no slot held (limit %d)", limit)
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// footer is the top screen's short help followed by the global keys,
// which always fit: the screen's part is cut first. An overlay's footer is
// its own keys alone.
func (m *Model) footer(w int) string {
	top := m.top()
	if _, ok := top.(overlay); ok {
		return pad(m.com.Cells, m.help.ShortHelpView(top.ShortHelp()), w)
	}
	global := m.help.ShortHelpView([]key.Binding{m.playKeys().Stop, m.keys.Help, m.keys.Quit})
	screen := m.help
	room := max(w-m.com.Cells.StringWidth(global)-m.com.Cells.StringWidth(m.help.ShortSeparator), 0)
	screen.SetWidth(room)
	if own := screen.ShortHelpView(top.ShortHelp()); own != "" {
		// help adds an item that does not fit when its ellipsis would not fit either.
		own = m.com.Cells.Truncate(own, room, "…")
		global = own + m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator) + global
	}
	return pad(m.com.Cells, global, w)
}

// pad cuts or pads a styled line to exactly w cells.
func pad(cells ansi.Method, s string, w int) string {
	sw := cells.StringWidth(s)
	if sw > w {
		s = cells.Truncate(s, w, "")
		sw = cells.StringWidth(s)
	}
	return s + strings.Repeat(" ", w-sw)
}
