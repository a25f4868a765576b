package browser

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/tui/styles"
)

// paints are the styles the lists draw with, reduced to escape codes once
// per theme: a frame draws a few hundred short pieces.
type paints struct {
	src                                *styles.Styles
	row, sel, blur, playing            styles.Paint
	match, selMatch, blurMatch         styles.Paint
	num, count, fav, sep, hint, detail styles.Paint
	title, active, prompt, header      styles.Paint
}

func (m *Model) paints() *paints {
	st := m.com.Styles
	if m.paint.src == st {
		return &m.paint
	}
	p := styles.PaintOf
	m.paint = paints{
		src: st,
		row: p(st.Row), sel: p(st.Selected), blur: p(st.SelectedBlur), playing: p(st.Playing),
		match: p(st.Match), selMatch: p(st.Selected.Underline(true)), blurMatch: p(st.SelectedBlur.Underline(true)),
		num: p(st.Number), count: p(st.Count), fav: p(st.Fav), sep: p(st.Separator), hint: p(st.Hint),
		detail: p(st.Detail), title: p(st.PaneTitle), active: p(st.PaneActive), prompt: p(st.Prompt), header: p(st.Header),
	}
	return &m.paint
}

// Markers carry the meaning that colour cannot on a monochrome terminal.
const (
	markSelected = "▶ "
	markBlurred  = "› "
	markPlaying  = "♪ "
	markNone     = "  "
	markFav      = "★ "
	markArchive  = "↺" // the provider keeps what it aired
)

// View draws exactly height lines of exactly width cells, so a resize never
// leaves old text behind.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, 1)
	if w < 20 || h < 8 {
		return m.tooSmall(w, h)
	}
	lo := m.layout()
	lines := make([]string, h)
	lines[0] = m.headerLine(w)
	g := m.groupLines(lo.groups.w, lo.groups.h)
	c := m.channelLines(lo.channels.w, lo.channels.h)
	sep := m.paints().sep
	if lo.stacked {
		copy(lines[lo.groups.y:], g)
		lines[lo.sep.y] = sep.Render(strings.Repeat("─", w))
		copy(lines[lo.channels.y:], c)
	} else {
		bar := sep.Render("│")
		for i := range lo.groups.h {
			lines[lo.groups.y+i] = g[i] + bar + c[i]
		}
	}
	copy(lines[lo.info.y:], m.infoLines(w, lo.info.h))
	lines[lo.detailY] = m.detailLine(w)
	for i, l := range lines {
		if l == "" {
			lines[i] = strings.Repeat(" ", w)
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) tooSmall(w, h int) string {
	lines := make([]string, h)
	for i := range lines {
		lines[i] = strings.Repeat(" ", w)
	}
	kept, tail, used := fit(m.com.Cells, "window too small", w)
	lines[0] = padRight(kept+tail, used, w)
	return strings.Join(lines, "\n")
}

// Cursor puts the terminal cursor at the end of the query while typing.
func (m *Model) Cursor() *tea.Cursor {
	if !m.filter.editing {
		return nil
	}
	x := 2 + m.com.Cells.StringWidth(clean(m.filter.query)) // after the "/ " prompt
	if x >= m.width {
		return nil
	}
	return tea.NewCursor(x, 0)
}

func (m *Model) headerLine(w int) string {
	st := m.paints()
	var left, right string
	switch {
	case m.filter.editing || m.filter.query != "":
		left = st.prompt.Render("/ ") + st.header.Render(clean(m.filter.query))
		right = m.scopeText()
		if m.filter.pending {
			right = m.waitWord() + "… " + right
		}
	case m.jump.digits != "" && m.jump.miss:
		left = st.header.Render("no channel " + m.jump.digits + " in this list")
	case m.jump.digits != "":
		left = st.prompt.Render("# ") + st.header.Render(m.jump.digits)
		right = "go to channel"
	default:
		left = st.hint.Render(m.hint)
		if m.tabs {
			left = m.tabLine()
		}
	}
	return joinEnds(m.com.Cells, left, st.hint.Render(right), w)
}

func (m *Model) scopeText() string {
	g := m.currentGroup()
	if m.filter.scopeAll || g == nil || g.Kind == KindAll {
		return "[all " + m.noun() + "]"
	}
	return "[in " + clean(g.Label) + "]"
}

// joinEnds puts left at the start and right at the end of a w-cell line,
// dropping right when both do not fit.
func joinEnds(cells ansi.Method, left, right string, w int) string {
	lw, rw := cells.StringWidth(left), cells.StringWidth(right)
	if lw+1+rw > w {
		right, rw = "", 0
	}
	if lw > w {
		left = cells.Truncate(left, w-1, "…")
		lw = cells.StringWidth(left)
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

func (m *Model) paneTitle(text string, w int, focused bool) string {
	st := m.paints().title
	if focused {
		st = m.paints().active
	}
	kept, tail, used := fit(m.com.Cells, text, w)
	return st.Render(kept+tail) + strings.Repeat(" ", w-used)
}

func (m *Model) groupLines(w, h int) []string {
	lines := make([]string, h)
	focused := m.focus == groupsPane && !m.filter.editing
	lines[0] = m.paneTitle("Groups", w, focused)
	start, end := m.gl.visible(len(m.groups))
	for k := start; k < end; k++ {
		lines[1+k-start] = m.groupRow(k, w, focused)
	}
	return fill(lines, w)
}

func (m *Model) groupRow(k, w int, focused bool) string {
	st := m.paints()
	g := &m.groups[k]
	base, mark := st.row, markNone
	if k == m.gl.cursor {
		base, mark = st.blur, markBlurred
		if focused {
			base, mark = st.sel, markSelected
		}
	}
	label := g.Label
	if g.Nested {
		label = "  " + label
	}
	count := thousands(m.groupCount(g))
	cw := len(count)       // digits and commas
	lw := max(w-2-cw-2, 1) // marker, label, space, count, space before the pane edge
	countStyle := st.count
	if k == m.gl.cursor {
		countStyle = base
	}
	return base.Render(mark) + renderText(m.com.Cells, label, lw, nil, base, base) + base.Render(" ") + countStyle.Render(count) + " "
}

func (m *Model) groupCount(g *Group) int {
	switch g.Kind {
	case KindAll:
		return m.cat.Len()
	case KindFavorites:
		return len(m.favs)
	case KindRecent:
		return len(m.recent)
	}
	return len(g.Members)
}

func (m *Model) channelLines(w, h int) []string {
	lines := make([]string, h)
	focused := m.focus == channelsPane || m.filter.editing
	lines[0] = m.paneTitle(m.channelTitle(), w, focused)
	n := m.rowCount()
	if n == 0 {
		m.emptyLines(lines[1:], w)
		return fill(lines, w)
	}
	start, end := m.cl.visible(n)
	numW := 1
	for k := start; k < end; k++ {
		numW = max(numW, min(len(m.cat.Number(m.rowAt(k))), 6))
	}
	for k := start; k < end; k++ {
		lines[1+k-start] = m.channelRow(k, w, numW, focused)
	}
	return fill(lines, w)
}

// emptyLines writes why there are no channels into lines, wrapped: a
// refused account's word on what to do is longer than one line.
func (m *Model) emptyLines(lines []string, w int) {
	text := m.emptyText()
	if w > 12 {
		text = ansi.Wordwrap(text, w-3, "")
	}
	for i, l := range strings.Split(text, "\n") {
		if i >= len(lines) {
			break
		}
		kept, tail, used := fit(m.com.Cells, l, w-2)
		lines[i] = "  " + m.paints().hint.Render(kept+tail) + strings.Repeat(" ", w-2-used)
	}
}

func (m *Model) channelRow(k, w, numW int, focused bool) string {
	st := m.paints()
	i := m.rowAt(k)
	ch := m.cat.Channel(i)
	base, match, num, fav, mark := st.row, st.match, st.num, st.fav, markNone
	if i == m.playing {
		base, mark = st.playing, markPlaying
	}
	if k == m.cl.cursor {
		base, match, mark = st.blur, st.blurMatch, markBlurred
		if focused {
			base, match, mark = st.sel, st.selMatch, markSelected
		}
		num, fav = base, base
	}
	number := m.cat.Number(i)
	if len(number) > numW {
		number = number[:numW]
	}
	star := markNone
	if m.favSet[i] {
		star = markFav
	}
	nameW := max(w-2-numW-1-2, 1)
	archive := m.at == TabLive && m.cat.Archive(i) > 0
	if archive {
		nameW = max(nameW-2, 1) // room for the archive's mark
	}
	var hl []int
	if m.filter.query != "" && m.cat.Index != nil {
		hl = m.cat.Index.Highlight(m.filter.query, i)
	}
	var b strings.Builder
	b.Grow(w * 2)
	base.Write(&b, mark)
	num.Write(&b, strings.Repeat(" ", numW-len(number))+number)
	base.Write(&b, " ")
	fav.Write(&b, star)
	b.WriteString(renderText(m.com.Cells, ch.Name, nameW, hl, base, match))
	if archive {
		base.Write(&b, " "+markArchive)
	}
	return b.String()
}

func (m *Model) channelTitle() string {
	if m.cat == nil {
		return nouns[m.at].Many
	}
	n := thousands(m.rowCount())
	if m.filter.query != "" {
		t := "Matches · " + n
		if m.filter.pending {
			t += " …"
		}
		return t
	}
	label := nouns[m.at].Many
	if g := m.currentGroup(); g != nil {
		label = clean(g.Label)
	}
	return label + " · " + n
}

// waitWord says what a query typed waits for: the index while it is being
// built, else its search.
func (m *Model) waitWord() string {
	if m.cat != nil && m.cat.indexing() {
		return "indexing"
	}
	return "searching"
}

func (m *Model) emptyText() string {
	switch {
	case m.cat == nil:
		return "Loading " + m.noun() + "…"
	case m.filter.query != "" && m.filter.pending:
		w := m.waitWord()
		return strings.ToUpper(w[:1]) + w[1:] + "…"
	case m.filter.query != "":
		return "No " + nouns[m.at].one + " matches “" + clean(m.filter.query) + "”."
	}
	if g := m.currentGroup(); g != nil {
		switch g.Kind {
		case KindFavorites:
			return "No favourites yet: press " + m.base.Favorite.Help().Key + " on a " + nouns[m.at].one + "."
		case KindRecent:
			return "Nothing played yet."
		}
	}
	if m.emptyWhy != "" && m.cat.Len() == 0 {
		return m.emptyWhy
	}
	return "No " + m.noun() + "."
}

func (m *Model) detailLine(w int) string {
	ch := m.SelectedChannel()
	if ch == nil {
		return strings.Repeat(" ", w)
	}
	parts := make([]string, 0, 6)
	parts = append(parts, m.nowNextParts(m.SelectedIndex())...)
	if m.at != TabLive && m.infoHeight(m.height) == 0 {
		parts = append(parts, facts(ch, m.info.got[ch].infoOrZero())...)
	}
	parts = append(parts, m.marks(ch)...)
	if gs := ch.Groups(); len(gs) > 0 {
		parts = append(parts, strings.Join(gs, ", "))
	} else {
		parts = append(parts, "no group")
	}
	if m.at == TabLive {
		parts = append(parts, "No. "+m.cat.Number(m.SelectedIndex()))
	}
	if ch.TvgID != "" {
		parts = append(parts, "tvg-id "+ch.TvgID)
	}
	if d := m.cat.Archive(m.SelectedIndex()); d > 0 && m.at == TabLive {
		parts = append(parts, fmt.Sprintf("archive %d days", int(d/(24*time.Hour))))
	}
	if len(m.cat.Playlists) > 1 {
		parts = append(parts, ch.Source)
	}
	kept, tail, used := fit(m.com.Cells, clean(strings.Join(parts, " · ")), w)
	return m.paints().detail.Render(kept+tail) + strings.Repeat(" ", w-used)
}

// fill replaces the lines not drawn with blank ones of width w.
func fill(lines []string, w int) []string {
	for i, l := range lines {
		if l == "" {
			lines[i] = strings.Repeat(" ", w)
		}
	}
	return lines
}

// thousands formats n with comma separators: 300,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
