package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// statusLine is the bar above the footer: what is happening now on the
// left, what is loaded and the slot on the right.
func (m *Model) statusLine(w int) string {
	st := m.com.Styles
	left, leftErr := m.statusLeft()
	parts := m.statusRight()
	if p, ok := m.nowPlaying(); ok {
		if l, r, ok := m.fitPlaying(w, p, parts); ok {
			left, parts = l, r
		}
	}
	right := strings.Join(parts, " · ")
	style := st.Status
	if leftErr {
		left = st.StatusErr.Render(" "+left+" ") + " "
	} else if left != "" {
		left = " " + left + " "
	}
	cells := m.com.Cells
	lw, rw := cells.StringWidth(left), cells.StringWidth(right)+1
	switch {
	case lw+rw <= w:
		return left + style.Render(strings.Repeat(" ", w-lw-rw)+right+" ")
	case lw < w:
		r := cells.Truncate(right, w-lw-1, "…")
		return left + style.Render(r+strings.Repeat(" ", w-lw-cells.StringWidth(r)))
	}
	return m.pad(cells.Truncate(left, w, "…"), w)
}

func (m *Model) statusLeft() (string, bool) {
	switch {
	case m.quitting:
		return "stopping…", false
	case m.status.Text != "":
		return m.status.Text, m.status.Err
	}
	if s := m.playText(); s != "" {
		return s, m.play.state == session.Refused || m.play.state == session.Failed
	}
	return m.loadingText(), false
}

// nowPlaying is the left part in pieces when it says what plays and the
// right part ends with the slot state.
func (m *Model) nowPlaying() (nowPlaying, bool) {
	if m.quitting || m.status.Text != "" || m.play.state != session.Playing || m.opts.Controller == nil {
		return nowPlaying{}, false
	}
	return newNowPlaying(m.play.channel.Name, m.play.stats), true
}

func (m *Model) playText() string {
	p := m.play
	name := p.channel.Name
	switch p.state {
	case session.Starting:
		return "starting " + name + "…"
	case session.Playing:
		return newNowPlaying(name, p.stats).String()
	case session.Stopping:
		return "stopping " + name + "…"
	case session.Stopped:
		if p.closedOutside {
			return p.message // the whole line is needed at 80 columns; the channel was the one playing
		}
	case session.Refused, session.Failed:
		if p.message != "" {
			return name + ": " + p.message
		}
		return name + ": " + p.state.String()
	}
	return ""
}

func (m *Model) loadingText() string {
	var parts []string
	for _, s := range m.sources {
		if !s.loading {
			continue
		}
		t := "loading " + s.name
		switch {
		case s.total > 0:
			t += fmt.Sprintf(" %d%% of %s", s.done*100/s.total, size(s.total))
		case s.done > 0:
			t += " " + size(s.done)
		}
		parts = append(parts, t+"…")
	}
	return strings.Join(parts, " · ")
}

func (m *Model) statusRight() []string {
	var out []string
	if m.cat != nil {
		if n := len(m.cat.Playlists); n > 1 {
			out = append(out, fmt.Sprintf("%d sources", n))
		} else if n == 1 {
			out = append(out, m.cat.Playlists[0].Source)
		}
		out = append(out, fmt.Sprintf("%s channels", thousands(m.cat.Len())))
	}
	out = m.appendGuideStatus(out)
	if age := m.cacheAge(); age != "" {
		out = append(out, age)
	}
	if m.opts.Controller != nil {
		out = append(out, slotText(m.slots))
	}
	return out
}

// cacheAge says how old the oldest cached copy still on screen is.
func (m *Model) cacheAge() string {
	var oldest time.Time
	for _, s := range m.sources {
		if s.fresh == nil && s.cached != nil && (oldest.IsZero() || s.cached.LoadedAt.Before(oldest)) {
			oldest = s.cached.LoadedAt
		}
	}
	if oldest.IsZero() {
		return ""
	}
	return "cached " + playlist.Ago(m.opts.Now().Sub(oldest))
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

// footer is the active screen's short help followed by the global keys,
// which always fit: the screen's part is cut first.
func (m *Model) footer(w int) string {
	if m.showHelp {
		b := key.NewBinding(key.WithKeys("?"), key.WithHelp("any key", "close help"))
		return m.pad(m.help.ShortHelpView([]key.Binding{b}), w)
	}
	global := m.help.ShortHelpView([]key.Binding{m.playKeysFor().Stop, m.keys.Help, m.keys.Quit})
	screen := m.help
	room := max(w-m.com.Cells.StringWidth(global)-m.com.Cells.StringWidth(m.help.ShortSeparator), 0)
	screen.SetWidth(room)
	if own := screen.ShortHelpView(m.active.ShortHelp()); own != "" {
		// help adds an item that does not fit when its ellipsis would not fit either.
		own = m.com.Cells.Truncate(own, room, "…")
		global = own + m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator) + global
	}
	return m.pad(global, w)
}

// fullHelp fills the screen's area with every key, grouped in columns; the
// columns that do not fit beside each other go below.
func (m *Model) fullHelp(w, h int) string {
	pk := newPlayKeys(m.com.Keys)
	groups := append(m.active.FullHelp(), []key.Binding{pk.Stop, pk.Copy, m.keys.Help, m.keys.Quit})
	var lines []string
	var row [][]key.Binding
	flush := func() {
		if len(row) > 0 {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, strings.Split(m.fullHelpRow(row), "\n")...)
		}
	}
	for _, g := range groups {
		wider := append(row[:len(row):len(row)], g)
		if len(row) == 0 || m.maxWidth(m.fullHelpRow(wider)) <= w-2 {
			row = wider
			continue
		}
		flush()
		row = [][]key.Binding{g}
	}
	flush()
	if ssh := m.sshHelp(); len(ssh) > 0 {
		lines = append(append(lines, ""), ssh...)
	}
	out := make([]string, h)
	out[0] = m.pad(m.com.Styles.PaneActive.Render("Keys"), w)
	for i := range h - 1 {
		l := ""
		if i < len(lines) {
			l = "  " + lines[i]
		}
		out[i+1] = m.pad(l, w)
	}
	return strings.Join(out, "\n")
}

// fullHelpRow draws groups side by side, however wide that is.
func (m *Model) fullHelpRow(groups [][]key.Binding) string {
	hm := m.help
	hm.SetWidth(0)
	return hm.FullHelpView(groups)
}

func (m *Model) maxWidth(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, m.com.Cells.StringWidth(l))
	}
	return n
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
