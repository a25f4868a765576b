package tui

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/session"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestFirstFrameShowsLoading(t *testing.T) {
	src := &fakeSource{name: "provider", gate: make(chan struct{})}
	m := New(Options{Sources: []playlist.Source{src}})
	got := screenOf(m) // before Init, before any message
	for _, want := range []string{"loading provider…", "Loading channels…"} {
		if !strings.Contains(got, want) {
			t.Fatalf("first frame lacks %q:\n%s", want, got)
		}
	}
	if n := len(strings.Split(m.View().Content, "\n")); n != 24 {
		t.Fatalf("first frame has %d lines, want 24 until the size is known", n)
	}
}

func TestLoadingProgressThenBrowsable(t *testing.T) {
	src := &fakeSource{name: "provider", pl: sample(), gate: make(chan struct{})}
	d := start(t, Options{Sources: []playlist.Source{src}}, 80, 24)
	d.untilScreen("loading provider 50% of 4.0 MB…")
	close(src.gate)
	got := d.untilScreen("5 channels")
	if !strings.Contains(got, "BBC One") || strings.Contains(got, "loading") {
		t.Fatalf("after loading:\n%s", got)
	}
}

func TestCachedCopyFirstThenFresh(t *testing.T) {
	now := time.Date(2026, 1, 2, 15, 0, 0, 0, time.UTC)
	cached := pl("provider", chn("Old channel", "G", "1", ""))
	cached.LoadedAt = now.Add(-3 * time.Hour)
	src := &fakeSource{name: "provider", pl: sample(), gate: make(chan struct{})}
	d := start(t, Options{Sources: []playlist.Source{src}, Cached: []*playlist.Playlist{cached}, Now: func() time.Time { return now }}, 80, 24)
	got := d.untilScreen("Old channel")
	if !strings.Contains(got, "cached 3 h ago") || !strings.Contains(got, "loading provider") {
		t.Fatalf("while refreshing, the cached copy is not marked:\n%s", got)
	}
	close(src.gate)
	got = d.untilScreen("BBC One")
	if strings.Contains(got, "Old channel") || strings.Contains(got, "cached") {
		t.Fatalf("the fresh copy did not replace the cached one:\n%s", got)
	}
}

func TestStaleCatalogIsDropped(t *testing.T) {
	m := New(Options{})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	newer := buildCmd(2, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)()
	older := buildCmd(1, []*playlist.Playlist{pl("x", chn("Stale", "G", "", ""))}, m.opts.NewSearcher, nil)()
	m.Update(newer)
	m.Update(older)
	if got := screenOf(m); strings.Contains(got, "Stale") || !strings.Contains(got, "BBC One") {
		t.Fatalf("an older catalog replaced a newer one:\n%s", got)
	}
}

func TestLoadErrorIsOneMaskedLine(t *testing.T) {
	err := &playlist.Error{Source: "provider", Problem: "http", Detail: "GET http://provider.test/get.php?username=alice&password=s3cret: 500 Internal Server Error"}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "provider", err: err}}}, 80, 24)
	got := d.untilScreen("No channels.")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "password=***") || !strings.Contains(got, "provider:") {
		t.Fatalf("load error not shown masked:\n%s", got)
	}
}

func TestEnterWithoutPlayerShowsMaskedURL(t *testing.T) {
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("down enter")
	got := d.untilScreen("stream: ")
	if !strings.Contains(got, "/live/alice/***/2.ts") || strings.Contains(got, "s3cret") {
		t.Fatalf("the stream URL is not shown masked:\n%s", got)
	}
}

func TestPlayThroughController(t *testing.T) {
	ctrl := newFakeController()
	store := prefs.Memory()
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl, Prefs: store}, 80, 24)
	d.until("the channels and the slot", func(m *Model) bool {
		return containsAll(screenOf(m), "5 channels", "no slot held (limit 1)")
	})
	d.keys("down down enter")
	got := d.untilScreen("slot 1/1 held by this tuner")
	if !strings.Contains(got, "▶ ITV") {
		t.Fatalf("playing is not shown:\n%s", got)
	}
	d.keys("up")
	if got := d.untilScreen("No. 102"); !strings.Contains(got, "♪ 103") {
		t.Fatalf("the playing row is not marked once the cursor leaves it:\n%s", got)
	}
	ctrl.events <- session.Event{State: session.Stopped, Channel: playlist.Channel{Name: "ITV"}}
	d.until("the stop event", func(m *Model) bool { return m.play.state == session.Stopped })
	d.keys("q")
	d.ended()
	played, closed := ctrl.snapshot()
	if !slices.Equal(played, []string{"ITV"}) {
		t.Fatalf("controller played %v, want [ITV]", played)
	}
	if closed != 1 {
		t.Fatalf("quit closed the controller %d times, want 1", closed)
	}
	if r := store.Recent("home"); len(r) != 1 || r[0].Name != "ITV" {
		t.Fatalf("recents after playing: %v", r)
	}
}

func TestRefusalShowsInStatus(t *testing.T) {
	ctrl := newFakeController()
	ctrl.playErr = &session.RefusedError{Refusal: &session.Refusal{Status: http.StatusUnauthorized, URL: "http://provider.test/live/alice/***/1.ts"}}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("BBC One: stream refused with HTTP 401 Unauthorized")
}

func TestQuitKeyIsTypedWhileFiltering(t *testing.T) {
	m := New(Options{Cached: []*playlist.Playlist{sample()}})
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	m.Update(keyPress("/"))
	_, cmd := m.Update(keyPress("q"))
	if isQuit(cmd) {
		t.Fatal("q quit while typing a filter")
	}
	if !strings.Contains(screenOf(m), "/ q") {
		t.Fatalf("q was not typed into the filter:\n%s", screenOf(m))
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if !isQuit(cmd) {
		t.Fatal("ctrl+c did not quit while typing")
	}
}

func TestQuitWithoutController(t *testing.T) {
	m := New(Options{})
	_, cmd := m.Update(keyPress("q"))
	if !isQuit(cmd) {
		t.Fatal("q did not quit")
	}
}

func TestQuitWithControllerStopsFirst(t *testing.T) {
	ctrl := newFakeController()
	m := New(Options{Controller: ctrl})
	_, cmd := m.Update(keyPress("q"))
	if !strings.Contains(screenOf(m), "stopping…") {
		t.Fatalf("quitting is not shown:\n%s", screenOf(m))
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		t.Fatal("quit did not wait for playback to stop")
	}
	if _, closed := ctrl.snapshot(); closed != 1 {
		t.Fatal("the controller was not closed")
	}
	if _, cmd = m.Update(msg); !isQuit(cmd) {
		t.Fatal("the program did not end after the controller closed")
	}
}

func TestHelpToggles(t *testing.T) {
	m := New(Options{Cached: []*playlist.Playlist{sample()}})
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	m.Update(keyPress("?"))
	got := screenOf(m)
	for _, want := range []string{"Keys", "go to number", "switch pane", "favourite", "quit"} {
		if !strings.Contains(got, want) {
			t.Fatalf("full help lacks %q:\n%s", want, got)
		}
	}
	m.Update(keyPress("j"))
	if strings.Contains(screenOf(m), "Keys") {
		t.Fatal("a key did not close help")
	}
	if m.browser.SelectedChannel().Name != "BBC One" {
		t.Fatal("the key that closed help also moved the cursor")
	}
}

func TestFooterFollowsState(t *testing.T) {
	m := New(Options{Cached: []*playlist.Playlist{sample()}})
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	footer := func() string {
		lines := strings.Split(screenOf(m), "\n")
		return lines[len(lines)-1]
	}
	if f := footer(); !strings.Contains(f, "/ filter") || !strings.Contains(f, "q quit") {
		t.Fatalf("browsing footer: %q", f)
	}
	m.Update(keyPress("/"))
	if f := footer(); strings.Contains(f, "q quit") || !strings.Contains(f, "esc clear filter") {
		t.Fatalf("filtering footer: %q", f)
	}
}

func TestGraphemeTerminalChangesMeasuring(t *testing.T) {
	m := New(Options{})
	if m.com.Cells != ansi.WcWidth {
		t.Fatal("does not start measuring as the renderer does (wcwidth)")
	}
	m.Update(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeSet})
	if m.com.Cells != ansi.GraphemeWidth {
		t.Fatal("a terminal with grapheme clustering did not switch measuring")
	}
}

func TestBackgroundAnswerSwitchesTheme(t *testing.T) {
	m := New(Options{})
	if !m.com.Styles.Dark {
		t.Fatal("does not start dark")
	}
	m.Update(tea.BackgroundColorMsg{Color: lightGrey{}})
	if m.com.Styles.Dark {
		t.Fatal("a light background answer did not switch to light styles")
	}
	fixed := New(Options{Theme: ThemeDark})
	fixed.Update(tea.BackgroundColorMsg{Color: lightGrey{}})
	if !fixed.com.Styles.Dark {
		t.Fatal("an explicit theme was overridden")
	}
}

func TestInitDoesNotBlock(t *testing.T) {
	// Init only returns commands; loading, the colour query and playback
	// events all run inside them.
	src := &fakeSource{name: "p", gate: make(chan struct{})}
	defer close(src.gate)
	done := make(chan struct{})
	go func() {
		New(Options{Sources: []playlist.Source{src}, Controller: newFakeController()}).Init()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(failAfter):
		t.Fatal("Init blocked")
	}
}

func TestEveryLineFitsEverySize(t *testing.T) {
	ctrl := newFakeController()
	long := pl("a very long source name for the status bar 日本語 📺", chn("日本テレビ 📺 チャンネル", "G", "1", ""))
	m := New(Options{Controller: ctrl, Sources: []playlist.Source{&fakeSource{name: long.Source}}})
	m.status.Text = errors.New("something went wrong with a long explanation").Error()
	check := func(state string) {
		for _, size := range [][2]int{{10, 3}, {20, 8}, {40, 12}, {60, 20}, {80, 24}, {120, 40}, {80, 24}} {
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%s at %dx%d: %d lines", state, size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if got := ansi.WcWidth.StringWidth(l); got != size[0] {
					t.Fatalf("%s at %dx%d: line %d is %d wide: %q", state, size[0], size[1], i, got, ansi.Strip(l))
				}
			}
		}
	}
	check("loading")
	m.Update(buildCmd(1, []*playlist.Playlist{long}, m.opts.NewSearcher, nil)())
	check("loaded")
	m.Update(keyPress("?"))
	check("help")
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}
