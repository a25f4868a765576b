package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// failAfter bounds every wait so a broken test fails instead of hanging; it
// is not a speed requirement.
const failAfter = 20 * time.Second

// probe wraps the root model in a running program so a test can wait for a
// state. Conditions are checked in the program's goroutine after every
// message, so they read the model without racing it.
type probe struct {
	m     *Model
	waits []*waiter
}

type waiter struct {
	cond   func(*Model) bool
	done   chan struct{}
	screen string
}

type expectMsg struct{ w *waiter }

func (p *probe) Init() tea.Cmd { return p.m.Init() }

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if e, ok := msg.(expectMsg); ok {
		p.waits = append(p.waits, e.w)
	} else {
		_, cmd = p.m.Update(msg)
	}
	kept := p.waits[:0]
	for _, w := range p.waits {
		if w.cond(p.m) {
			w.screen = screenOf(p.m)
			close(w.done)
			continue
		}
		kept = append(kept, w)
	}
	p.waits = kept
	return p, cmd
}

func (p *probe) View() tea.View { return p.m.View() }

// driver runs the TUI in a teatest program of the given size.
type driver struct {
	t  *testing.T
	tm *teatest.TestModel
}

func start(t *testing.T, opts Options, w, h int) *driver {
	t.Helper()
	m := New(opts)
	tm := teatest.NewTestModel(t, &probe{m: m}, teatest.WithInitialTermSize(w, h))
	d := &driver{t: t, tm: tm}
	t.Cleanup(func() { tm.Quit() })
	return d
}

// until waits for cond and returns the screen as plain text at that moment.
func (d *driver) until(what string, cond func(*Model) bool) string {
	d.t.Helper()
	w := &waiter{cond: cond, done: make(chan struct{})}
	d.tm.Send(expectMsg{w})
	select {
	case <-w.done:
		return w.screen
	case <-time.After(failAfter):
		d.t.Fatalf("the screen never showed %s", what)
		return ""
	}
}

// untilScreen waits until the screen contains text.
func (d *driver) untilScreen(text string) string {
	d.t.Helper()
	return d.until(fmt.Sprintf("%q", text), func(m *Model) bool { return strings.Contains(screenOf(m), text) })
}

func (d *driver) keys(seq string) {
	for _, k := range strings.Fields(seq) {
		d.tm.Send(keyPress(k))
	}
}

func (d *driver) typeText(s string) { d.tm.Type(s) }

// final quits and returns the last screen as plain text.
func (d *driver) final() string {
	d.t.Helper()
	d.tm.Quit()
	return d.ended()
}

// ended waits for the program to end by itself and returns its last screen.
func (d *driver) ended() string {
	d.t.Helper()
	fm := d.tm.FinalModel(d.t, teatest.WithFinalTimeout(failAfter))
	return screenOf(fm.(*probe).m)
}

func screenOf(m *Model) string { return ansi.Strip(m.View().Content) }

func keyPress(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	}
	if c, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// fakeSource serves a fixed playlist, reporting progress first. When gate
// is set, it waits for it before finishing.
type fakeSource struct {
	name  string
	pl    *playlist.Playlist
	err   error
	gate  chan struct{}
	total int64
}

func (s *fakeSource) Name() string { return s.name }

func (s *fakeSource) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	total := s.total
	if total == 0 {
		total = 4 << 20
	}
	progress(total/2, total)
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.pl, s.err
}

// fakeController records what it is asked and reports a held slot while
// playing.
type fakeController struct {
	mu      sync.Mutex
	played  []string
	closed  int
	playErr error
	held    int
	events  chan session.Event
}

func newFakeController() *fakeController {
	return &fakeController{events: make(chan session.Event, 16)}
}

func (c *fakeController) Play(_ context.Context, ch playlist.Channel) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.played = append(c.played, ch.Name)
	if c.playErr != nil {
		return c.playErr
	}
	c.held = 1
	return nil
}

func (c *fakeController) Stop(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.held = 0
	return nil
}

func (c *fakeController) Events() <-chan session.Event { return c.events }

func (c *fakeController) Slots() session.SlotStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	return session.SlotStatus{Account: "alice@provider.test", Held: c.held, Limit: 1}
}

func (c *fakeController) Close(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed++
	c.held = 0
	return nil
}

func (c *fakeController) snapshot() (played []string, closed int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.played...), c.closed
}

func pl(source string, chans ...playlist.Channel) *playlist.Playlist {
	for i := range chans {
		chans[i].Source = source
		if chans[i].URL == "" {
			chans[i].URL = fmt.Sprintf("http://provider.test/live/alice/s3cret/%d.ts", i+1)
		}
	}
	return &playlist.Playlist{Source: source, Channels: playlist.List(chans), Groups: playlist.BuildGroups(playlist.List(chans))}
}

func chn(name, group, no, tvgID string) playlist.Channel {
	return playlist.Channel{Name: name, Group: group, Chno: no, TvgID: tvgID}
}

func sample() *playlist.Playlist {
	return pl("home",
		chn("BBC One", "UK", "101", "bbc1.uk"),
		chn("BBC Two", "UK", "102", "bbc2.uk"),
		chn("ITV", "UK", "103", ""),
		chn("Arte", "France", "201", "arte.fr"),
		chn("France 2", "France", "202", ""),
	)
}
