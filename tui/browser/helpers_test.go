package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/playlist/search"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// harness drives a browser the way the program would, but synchronously:
// commands run at once and their messages are fed back, except the ones the
// browser sends out (play requests, status lines), which are collected.
type harness struct {
	t       *testing.T
	m       *Model
	store   *prefs.Store
	out     []tea.Msg
	pending []tea.Msg // jump timeouts, delivered by expire
}

func newIndex(names Names) Searcher { return search.NewIndexOf(names) }

func newHarness(t *testing.T, store *prefs.Store, pls ...*playlist.Playlist) *harness {
	t.Helper()
	if store == nil {
		store = prefs.Memory()
	}
	h := &harness{t: t, store: store}
	h.m = New(context.Background(), common.New(styles.New(true), nil), store)
	h.m.tick = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { h.pending = append(h.pending, fn(time.Time{})); return nil }
	}
	h.m.SetSize(80, 22)
	h.send(CatalogMsg{Catalog: Build(pls, newIndex, store)})
	return h
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case searchResultMsg, CatalogMsg, jumpTimeoutMsg:
		h.send(msg)
	default:
		h.out = append(h.out, msg)
	}
}

// keys sends key presses: single characters, or names such as "enter",
// "down", "ctrl+g", separated by spaces. "space" sends a space.
func (h *harness) keys(seq string) {
	h.t.Helper()
	for _, k := range strings.Fields(seq) {
		h.send(keyPress(k))
	}
}

// typeText sends each rune of s as a key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (h *harness) expire() {
	p := h.pending
	h.pending = nil
	for _, msg := range p {
		h.send(msg)
	}
}

func keyPress(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"home": tea.KeyHome, "end": tea.KeyEnd, "space": tea.KeySpace,
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

func (h *harness) selected() string {
	if ch := h.m.SelectedChannel(); ch != nil {
		return ch.Name
	}
	return ""
}

// names lists the channel list's names in order.
func (h *harness) names() []string {
	var out []string
	for k := range h.m.rowCount() {
		out = append(out, h.m.cat.Channel(h.m.rowAt(k)).Name)
	}
	return out
}

func (h *harness) plays() []string {
	var out []string
	for _, msg := range h.out {
		if p, ok := msg.(PlayMsg); ok {
			out = append(out, p.Channel.Name)
		}
	}
	return out
}

// screen is the view as plain text.
func (h *harness) screen() string { return ansi.Strip(h.m.View()) }

func pl(source string, chans ...playlist.Channel) *playlist.Playlist {
	for i := range chans {
		chans[i].Source = source
		if chans[i].URL == "" {
			chans[i].URL = fmt.Sprintf("http://example.test/live/u/p/%d.ts", i)
		}
	}
	list := playlist.List(chans)
	return &playlist.Playlist{Source: source, Channels: list, Groups: playlist.BuildGroups(list)}
}

func ch(name, group string) playlist.Channel { return playlist.Channel{Name: name, Group: group} }

func chno(name, group, no string) playlist.Channel {
	return playlist.Channel{Name: name, Group: group, Chno: no}
}

// sample is a small two-group playlist.
func sample() *playlist.Playlist {
	return pl("home",
		chno("BBC One", "UK", "101"),
		chno("BBC Two", "UK", "102"),
		chno("ITV", "UK", "103"),
		chno("Arte", "France", "201"),
		chno("France 2", "France", "202"),
		chno("TF1", "France", "203"),
	)
}

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

func wheel(x, y int, up bool) tea.MouseWheelMsg {
	b := tea.MouseWheelDown
	if up {
		b = tea.MouseWheelUp
	}
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}
