package guide

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/words"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

// Finder runs a programme search; the root gives it the playlists and the
// guide loaded.
type Finder func(ctx context.Context, query string) ([]epg.Found, error)

// Search is the programme search screen: a query typed at the top, the
// programmes found below in time order, each with its channel and whether
// it is on now, later or in the archive. enter plays the channel live, or
// the replay of what the archive holds.
type Search struct {
	com  *common.Common
	find Finder
	ctx  context.Context
	now  time.Time

	query   string
	seq     int
	pending bool
	err     error
	found   []epg.Found

	cursor, offset int
	width, height  int
	keys           searchKeys

	recordAfter time.Duration // 0: no recording offered
	schedules   bool
}

type searchKeys struct{ Up, Down, Play, Record, Back key.Binding }

// searchResultMsg is one search's answer, tagged so a slower, older one is
// dropped.
type searchResultMsg struct {
	seq   int
	found []epg.Found
	err   error
}

// NewSearch opens the programme search at now.
func NewSearch(ctx context.Context, com *common.Common, now time.Time, find Finder) *Search {
	s := &Search{com: com, find: find, ctx: ctx, now: now, width: 80, height: 22}
	s.keys = searchKeys{
		Up:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down: key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Play: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play")),
		// Letters are typed into the query here, so record is on ctrl+r.
		Record: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "record")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
	s.keys.Record.SetEnabled(false)
	return s
}

// SearchLiveKeys lists the keys the screen answers to; letters are typed.
func SearchLiveKeys() []common.Named {
	s := NewSearch(context.Background(), nil, time.Time{}, nil)
	return []common.Named{{Name: "up", Binding: s.keys.Up}, {Name: "down", Binding: s.keys.Down},
		{Name: "play", Binding: s.keys.Play}, {Name: "record", Binding: s.keys.Record}, {Name: "back", Binding: s.keys.Back}}
}

// Init implements common.Component.
func (s *Search) Init() tea.Cmd { return nil }

// Capturing implements common.Component: the query is typed here.
func (s *Search) Capturing() bool { return true }

// Cursor implements common.Component: after the query.
func (s *Search) Cursor() *tea.Cursor {
	return tea.NewCursor(min(len("Find programme: ")+s.com.Cells.StringWidth(s.query), max(s.width-1, 0)), 0)
}

// SetSize implements common.Component.
func (s *Search) SetSize(w, h int) { s.width, s.height = w, h; s.scroll() }

// ShortHelp implements help.KeyMap.
func (s *Search) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Back, s.keys.Play, s.keys.Record, s.keys.Up, s.keys.Down}
}

// FullHelp implements help.KeyMap.
func (s *Search) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// Found is what the screen lists.
func (s *Search) Found() []epg.Found { return s.found }

// Update implements common.Component.
func (s *Search) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case searchResultMsg:
		if msg.seq == s.seq {
			s.pending, s.found, s.err, s.cursor, s.offset = false, msg.found, msg.err, 0, 0
			s.cursor = s.firstToCome()
			s.scroll()
		}
	case tea.PasteMsg:
		return s, s.setQuery(s.query + playlist.Printable(msg.Content))
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *Search) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Back):
		return common.Pop
	case key.Matches(msg, s.keys.Play):
		return s.play()
	case key.Matches(msg, s.keys.Record):
		return s.record()
	case key.Matches(msg, s.keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, s.keys.Down):
		s.cursor = min(s.cursor+1, max(len(s.found)-1, 0))
	case msg.Code == tea.KeyBackspace:
		r := []rune(s.query)
		if len(r) > 0 {
			return s.setQuery(string(r[:len(r)-1]))
		}
	case msg.Text != "" && !msg.Mod.Contains(tea.ModCtrl) && !msg.Mod.Contains(tea.ModAlt):
		return s.setQuery(s.query + playlist.Printable(msg.Text))
	}
	s.scroll()
	return nil
}

// firstToCome is where the cursor starts: on what is on now or comes
// next, the archive above it.
func (s *Search) firstToCome() int {
	for i, f := range s.found {
		if f.State == epg.OnNow || f.State == epg.Later {
			return i
		}
	}
	return 0
}

// setQuery starts the search for q; an empty query lists nothing.
func (s *Search) setQuery(q string) tea.Cmd {
	s.query = q
	s.seq++
	if strings.TrimSpace(q) == "" {
		s.pending, s.found, s.err = false, nil, nil
		return nil
	}
	s.pending = true
	seq, find, ctx := s.seq, s.find, s.ctx
	return func() tea.Msg {
		found, err := find(ctx, q)
		return searchResultMsg{seq: seq, found: found, err: err}
	}
}

// OfferRecording lets ctrl+r record the programme on now to its end and
// after, and with schedules schedule one still to come.
func (s *Search) OfferRecording(after time.Duration, schedules bool) {
	s.recordAfter, s.schedules = after, schedules
	s.keys.Record.SetEnabled(after > 0)
}

// record asks for the programme under the cursor to be recorded: now when
// it is on, at its time when it is still to come.
func (s *Search) record() tea.Cmd {
	if s.cursor >= len(s.found) {
		return nil
	}
	f := s.found[s.cursor]
	p := f.Programme
	switch {
	case p.Stop.IsZero():
	case f.State == epg.OnNow && s.recordAfter > 0:
		msg := RecordMsg{Channel: *f.Channel, Until: p.Stop.Add(s.recordAfter), Title: title(&p)}
		return func() tea.Msg { return msg }
	case f.State == epg.Later && s.schedules:
		msg := ScheduleMsg{Channel: *f.Channel, Start: p.Start, Stop: p.Stop, Title: title(&p)}
		return func() tea.Msg { return msg }
	}
	return nil
}

// play asks for what enter does with the programme under the cursor.
func (s *Search) play() tea.Cmd {
	if s.cursor >= len(s.found) {
		return nil
	}
	f := s.found[s.cursor]
	switch f.State {
	case epg.OnNow, epg.Aired:
		msg := PlayLiveMsg{Channel: *f.Channel}
		return func() tea.Msg { return msg }
	case epg.Archive:
		p := f.Programme
		msg := ReplayMsg{Channel: *f.Channel, Spec: f.Spec, Start: p.Start, Stop: p.Stop, Title: title(&p)}
		return func() tea.Msg { return msg }
	}
	return nil // later: nothing to play yet
}

func (s *Search) listHeight() int { return max(s.height-2, 1) }

func (s *Search) scroll() {
	h := s.listHeight()
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+h {
		s.offset = s.cursor - h + 1
	}
}

// View implements common.Component: exactly height lines of width cells.
func (s *Search) View() string {
	w, h := max(s.width, 1), max(s.height, 1)
	st := s.com.Styles
	lines := []string{st.Prompt.Render("Find programme: ") + st.Header.Render(s.query), st.Hint.Render(s.summary())}
	for i := s.offset; i < len(s.found) && len(lines) < h; i++ {
		line := s.row(i, w)
		if i == s.cursor {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i := range lines {
		lines[i] = s.pad(lines[i], w)
	}
	return strings.Join(lines[:h], "\n")
}

func (s *Search) summary() string {
	switch {
	case s.err != nil:
		return "search: " + clean(s.com.Mask(s.err.Error()))
	case strings.TrimSpace(s.query) == "":
		return "Type a title or words of a description."
	case s.pending:
		return "searching…"
	case len(s.found) == 0:
		return "No programme matches."
	}
	return words.Count(len(s.found), "programme") + " · ↺ in the archive · ● on now"
}

func (s *Search) row(i, w int) string {
	f := &s.found[i]
	mark := "  "
	if i == s.cursor {
		mark = markSelected
	}
	state := map[epg.State]string{epg.OnNow: "● ", epg.Archive: markArchive, epg.Later: "  ", epg.Aired: "  "}[f.State]
	when := f.Programme.Start.In(s.now.Location()).Format("Mon 02 15:04")
	return mark + when + " " + state + s.fit(clean(title(&f.Programme)), w/2) + "  " + clean(f.Channel.Name)
}

func (s *Search) fit(t string, w int) string {
	if s.com.Cells.StringWidth(t) > w {
		return s.com.Cells.Truncate(t, w, "…")
	}
	return t + strings.Repeat(" ", w-s.com.Cells.StringWidth(t))
}

func (s *Search) pad(line string, w int) string {
	cw := s.com.Cells.StringWidth(line)
	if cw > w {
		return s.com.Cells.Truncate(line, w, "")
	}
	return line + strings.Repeat(" ", w-cw)
}
