package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/words"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

// recordFor asks how long to record a channel now: until stopped, to the
// end of the programme on now with the padding, a few usual lengths, or a
// time or a length typed in.
type recordFor struct {
	question
	ch      playlist.Channel
	now     func() time.Time
	choices []recordChoice
	cursor  int
	typed   string
	err     string
	keys    struct{ Up, Down, Pick, Erase, Back key.Binding }
}

type recordChoice struct {
	label  string
	until  time.Time     // zero: until stopped, or for length from now
	length time.Duration // from the time it is chosen
	title  string        // the programme's, naming the file
}

// typable are the characters a time (21:30) or a length (1h30m) is made of.
const typable = "0123456789:hms"

func newRecordFor(com *common.Common, ch playlist.Channel, on *epg.Programme, after time.Duration, now func() time.Time) *recordFor {
	r := &recordFor{question: question{com: com}, ch: ch, now: now}
	r.choices = append(r.choices, recordChoice{label: "until you stop it (R again)"})
	if on != nil && !on.Stop.IsZero() {
		end := on.Stop.Add(after)
		r.choices = append(r.choices, recordChoice{until: end, title: on.Title,
			label: fmt.Sprintf("to the end of %s, %s (+%s)", common.Clean(on.Title), on.Stop.In(now().Location()).Format("15:04"), shortLength(after))})
	}
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		r.choices = append(r.choices, recordChoice{label: "for " + shortLength(d), length: d})
	}
	r.keys.Up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "choose"))
	r.keys.Down = key.NewBinding(key.WithKeys("down", "j"))
	r.keys.Pick = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "record"))
	r.keys.Erase = key.NewBinding(key.WithKeys("backspace"))
	r.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return r
}

func (r *recordFor) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.Pick, r.keys.Up, r.keys.Back}
}
func (r *recordFor) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }

func (r *recordFor) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, r.keys.Back):
		return r, common.Pop
	case key.Matches(k, r.keys.Pick):
		return r, r.pick()
	case key.Matches(k, r.keys.Erase):
		if r.typed != "" {
			r.typed, r.err = r.typed[:len(r.typed)-1], ""
		}
	case key.Matches(k, r.keys.Up):
		r.cursor, r.typed = max(r.cursor-1, 0), ""
	case key.Matches(k, r.keys.Down):
		r.cursor, r.typed = min(r.cursor+1, len(r.choices)-1), ""
	case len(k.Text) == 1 && strings.Contains(typable, k.Text) && len(r.typed) < 8:
		r.typed, r.err = r.typed+k.Text, ""
	}
	return r, nil
}

// pick records until what was typed, or the choice under the cursor.
func (r *recordFor) pick() tea.Cmd {
	now := r.now()
	c := r.choices[r.cursor]
	until := c.until
	if c.length > 0 {
		until = now.Add(c.length)
	}
	if r.typed != "" {
		t, err := untilTyped(r.typed, now)
		if err != nil {
			r.err = err.Error()
			return nil
		}
		until, c.title = t, ""
	}
	return r.answer(recordMsg{ch: r.ch, until: until, title: c.title})
}

// untilTyped reads a clock time (the next one to come) or a length from
// now; a bare number is minutes.
func untilTyped(s string, now time.Time) (time.Time, error) {
	bad := fmt.Errorf("%q is neither a time (21:30) nor a length (90m, 1h30m)", s)
	if strings.Contains(s, ":") {
		t, err := time.ParseInLocation("15:04", s, now.Location())
		if err != nil {
			return time.Time{}, bad
		}
		y, m, d := now.Date()
		at := time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, now.Location())
		if !at.After(now) {
			at = at.AddDate(0, 0, 1)
		}
		return at, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		s = strconv.Itoa(n) + "m"
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return time.Time{}, bad
	case d < time.Minute || d > 24*time.Hour:
		return time.Time{}, fmt.Errorf("%s: record at least a minute and at most a day", s)
	}
	return now.Add(d), nil
}

// shortLength is 5 min, 30 min, 1 hour, 2 hours.
func shortLength(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		n := int(d / time.Hour)
		return words.Count(n, "hour")
	}
	return fmt.Sprintf("%d min", int(d/time.Minute))
}

func (r *recordFor) View() string {
	text := []string{"", "  Record " + common.Clean(r.com.Mask(r.ch.Name)), ""}
	for i, c := range r.choices {
		mark := "    "
		if i == r.cursor && r.typed == "" {
			mark = "  ▶ "
		}
		text = append(text, mark+c.label)
	}
	field := r.typed
	if field == "" {
		field = "…"
	}
	text = append(text, "", "  or type a time or a length (21:30, 90m, 1h30m): "+field)
	if r.err != "" {
		text = append(text, "  "+r.err)
	}
	return r.page(text)
}
