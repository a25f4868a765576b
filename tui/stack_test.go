package tui

import (
	"context"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// card is a screen for the stack's tests: it records what reaches it and
// says on screen that it is there.
type card struct {
	name   string
	got    []tea.Msg
	closed bool
	w, h   int
}

type cardMsg struct{}

func (c *card) Init() tea.Cmd { return nil }
func (c *card) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	c.got = append(c.got, msg)
	return c, nil
}
func (c *card) View() string              { return "card " + c.name }
func (c *card) SetSize(w, h int)          { c.w, c.h = w, h }
func (c *card) Capturing() bool           { return false }
func (c *card) Cursor() *tea.Cursor       { return nil }
func (c *card) ShortHelp() []key.Binding  { return nil }
func (c *card) FullHelp() [][]key.Binding { return nil }
func (c *card) Close()                    { c.closed = true }
func (c *card) keys() (n int) {
	return c.count(func(m tea.Msg) bool { _, ok := m.(tea.KeyPressMsg); return ok })
}
func (c *card) count(f func(tea.Msg) bool) (n int) {
	for _, m := range c.got {
		if f(m) {
			n++
		}
	}
	return n
}

func selected(m *Model) string {
	if ch := m.browser.SelectedChannel(); ch != nil {
		return ch.Name
	}
	return ""
}

func TestStackPushAndPop(t *testing.T) {
	m := browsing(t, Options{})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	a, b := &card{name: "a"}, &card{name: "b"}
	m.Update(common.PushMsg{Screen: a})
	m.Update(common.Push(b)()) // as a screen pushes the next one
	if s := screenOf(m); !strings.Contains(s, "card b") || strings.Contains(s, "BBC One") {
		t.Fatalf("the screen pushed last is not the one shown:\n%s", s)
	}
	if b.w != 80 || b.h != 22 {
		t.Errorf("pushed screen sized %dx%d, want the area above the status bar, 80x22", b.w, b.h)
	}
	m.Update(common.Pop())
	if !b.closed || a.closed || !strings.Contains(screenOf(m), "card a") {
		t.Fatalf("pop: b closed %v, a closed %v, screen:\n%s", b.closed, a.closed, screenOf(m))
	}
	m.Update(common.PopMsg{})
	m.Update(common.PopMsg{}) // the browser stays
	if !m.topIs(m.browser) || !strings.Contains(screenOf(m), "BBC One") {
		t.Fatalf("popping everything did not leave the browser:\n%s", screenOf(m))
	}
}

func TestKeysGoToTheTopScreenOnly(t *testing.T) {
	m := browsing(t, Options{})
	c := &card{name: "top"}
	m.Update(common.PushMsg{Screen: c})
	m.Update(keyPress("j"))
	m.Update(keyPress("s")) // no play keys under another screen
	if c.keys() != 2 {
		t.Errorf("the top screen got %d of 2 keys", c.keys())
	}
	if got := selected(m); got != "BBC One" {
		t.Errorf("a key moved the browser under another screen to %q", got)
	}
	m.Update(tea.PasteMsg{Content: "x"})
	m.Update(cardMsg{})
	if c.count(func(m tea.Msg) bool { _, ok := m.(cardMsg); return ok }) != 1 || len(c.got) != 4 {
		t.Errorf("a screen's own messages and pasted text did not reach it: %#v", c.got)
	}
}

func TestPopGivesTheKeysBackToTheBrowser(t *testing.T) {
	m := browsing(t, Options{})
	m.Update(common.PushMsg{Screen: &card{name: "top"}})
	m.Update(common.PopMsg{})
	m.Update(keyPress("j"))
	if got := selected(m); got != "BBC Two" {
		t.Errorf("after the pop, j left the browser on %q, want BBC Two", got)
	}
}

func TestAppMessagesReachSubscribersBehindTheTop(t *testing.T) {
	m := New(Options{})
	c := &card{name: "top"}
	m.Update(common.PushMsg{Screen: c})
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	if got := selected(m); got != "BBC One" {
		t.Fatalf("the catalog did not reach the browser under another screen: selected %q", got)
	}
	bbc := *m.browser.SelectedChannel()
	m.Update(eventMsg{ev: eventPlaying(bbc), ok: true})
	if n := c.count(func(m tea.Msg) bool {
		switch m.(type) {
		case browser.CatalogMsg, browser.PlayingMsg:
			return true
		}
		return false
	}); n != 0 {
		t.Errorf("the top screen, which subscribes to nothing, got %d app messages", n)
	}
	m.Update(common.PopMsg{})
	if s := screenOf(m); !strings.Contains(s, "▶") {
		t.Errorf("the browser did not mark what started playing under another screen:\n%s", s)
	}
}

func TestPushClosesTheHelp(t *testing.T) {
	m := browsing(t, Options{})
	m.Update(keyPress("?"))
	m.Update(common.PushMsg{Screen: &card{name: "top"}})
	m.Update(common.PopMsg{})
	if !m.topIs(m.browser) {
		t.Fatalf("help stayed under a screen pushed over it:\n%s", screenOf(m))
	}
}

func TestOneRefusalScreenAtATime(t *testing.T) {
	m := browsing(t, Options{})
	ref := diagnosetest.Sample(diagnose.SlotOther, refusedAt).Refusal
	for _, name := range []string{"ITV", "Arte"} {
		m.openRefusal(refusal.New(context.Background(), m.com, refusal.Options{}, playlist.Channel{Name: name}, ref))
	}
	if n := len(m.hub.screens); n != 2 || m.refusal().Channel().Name != "Arte" {
		t.Fatalf("%d screens, refusal about %q; want the browser and one refusal about Arte", n, m.refusal().Channel().Name)
	}
	m.Update(common.PopMsg{})
	if !m.topIs(m.browser) {
		t.Fatal("esc on the only refusal screen did not go back to the browser")
	}
}

func eventPlaying(ch playlist.Channel) session.Event {
	return session.Event{State: session.Playing, Channel: ch}
}

// A refusal that arrives while the schedule is open goes on top of it, and
// esc goes back to the schedule, then to the browser.
func TestRefusalOverTheScheduleGoesBackToIt(t *testing.T) {
	m := browsing(t, Options{Controller: newFakeController(), Getenv: env(nil)})
	press := func(k string) {
		_, cmd := m.Update(keyPress(k))
		runAll(m, cmd)
	}
	press("e")
	if _, ok := m.top().(*guide.Model); !ok {
		t.Fatalf("e did not open the schedule:\n%s", screenOf(m))
	}
	m.play.state = session.Playing
	ref := diagnosetest.Sample(diagnose.SlotOther, refusedAt).Refusal
	m.Update(eventMsg{ev: session.Event{State: session.Refused, Channel: playlist.Channel{Name: "ITV"}, Refusal: ref}, ok: true})
	if _, ok := m.top().(*refusal.Model); !ok {
		t.Fatalf("the refusal did not open over the schedule:\n%s", screenOf(m))
	}
	press("esc")
	if _, ok := m.top().(*guide.Model); !ok {
		t.Fatalf("esc on the refusal did not go back to the schedule:\n%s", screenOf(m))
	}
	press("esc")
	if !m.topIs(m.browser) || len(m.hub.screens) != 1 {
		t.Fatalf("esc on the schedule did not go back to the browser:\n%s", screenOf(m))
	}
}
