package tui

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// terminalFake plays in the terminal it is handed until the test lets the
// player quit.
type terminalFake struct {
	*fakeController
	handed chan bool // whether a terminal came with the call
	quit   chan error
}

func newTerminalFake() terminalFake {
	return terminalFake{newFakeController(), make(chan bool, 1), make(chan error)}
}

func (terminalFake) PlaysInTerminal() bool { return true }

func (c terminalFake) PlayInTerminal(ctx context.Context, ch playlist.Channel, in io.Reader, out, _ io.Writer) error {
	if err := c.Play(ctx, ch); err != nil {
		return err
	}
	if out != nil {
		fmt.Fprint(out, "video as text")
	}
	c.handed <- in != nil && out != nil
	err := <-c.quit
	c.Stop(ctx)
	return err
}

func TestTerminalModeHandsTheTerminalOverAndTakesItBack(t *testing.T) {
	ctrl := newTerminalFake()
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl, Getenv: env(nil)}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	if !<-ctrl.handed {
		t.Fatal("the player was not handed the terminal")
	}
	if got := ctrl.Slots(); got.Held != 1 {
		t.Errorf("slot while the player has the terminal: %+v", got)
	}
	ctrl.quit <- nil // the person pressed q in the player
	screen := d.until("the browser back with playback stopped", func(m *Model) bool { return m.play.state == session.Stopped })
	if !strings.Contains(screen, "BBC One") || strings.Contains(screen, "▶ BBC One") {
		t.Errorf("after the player quit, the browser should be back with nothing playing:\n%s", screen)
	}
	if got := ctrl.Slots(); got.Held != 0 {
		t.Errorf("slot after the player quit: %+v", got)
	}
	if played, _ := ctrl.snapshot(); len(played) != 1 {
		t.Errorf("played %v, want one start through the hand-over", played)
	}
}

func TestTerminalDoneMessages(t *testing.T) {
	refused := &session.RefusedError{Refusal: &session.Refusal{Status: http.StatusUnauthorized, URL: "http://provider.test/live/alice/***/1.ts"}}
	tests := []struct {
		name       string
		err        error
		stale      bool
		wantState  session.State
		wantScreen bool
	}{
		{name: "the player quit", wantState: session.Stopped},
		{name: "the provider refused", err: refused, wantState: session.Refused, wantScreen: true},
		{name: "the player failed", err: fmt.Errorf("mpv exited: no such option"), wantState: session.Failed},
		{name: "a stale result is ignored", stale: true, wantState: session.Starting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := browsing(t, Options{Controller: newTerminalFake(), Getenv: env(nil)})
			_, cmd := m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()})
			if cmd == nil || m.play.state != session.Starting {
				t.Fatalf("enter in terminal mode: state %v, cmd %v", m.play.state, cmd)
			}
			seq := m.play.seq
			if tt.stale {
				seq--
			}
			m.Update(terminalDoneMsg{seq: seq, err: tt.err})
			if m.play.state != tt.wantState || (m.refusal() != nil) != tt.wantScreen {
				t.Errorf("state %v, refusal screen %v; want %v, %v", m.play.state, m.refusal() != nil, tt.wantState, tt.wantScreen)
			}
		})
	}
}

func TestTerminalPlayPassesTheHandedTerminal(t *testing.T) {
	ctrl := newTerminalFake()
	run := &terminalPlay{ctx: context.Background(), ctrl: ctrl, ch: playlist.Channel{Name: "BBC One"}}
	run.SetStdin(strings.NewReader(""))
	var out strings.Builder
	run.SetStdout(&out)
	run.SetStderr(io.Discard)
	go func() { <-ctrl.handed; ctrl.quit <- nil }()
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "video as text" {
		t.Errorf("the player drew %q on the handed terminal", out.String())
	}
}

// remoteFake runs no player; its gate waits for the person's computer,
// whose player is connected when viewer holds true.
type remoteFake struct {
	gatedController
	viewer *atomic.Bool
}

func (remoteFake) WatchesRemotely() bool { return true }
func (remoteFake) GateURL() string       { return "http://127.0.0.1:41234/live/0123abcd/live.ts" }
func (f remoteFake) RemoteViewer() bool  { return f.viewer != nil && f.viewer.Load() }

func TestRemotePanelShowsWhatToRunOnTheOtherComputer(t *testing.T) {
	sshEnv := env(map[string]string{"SSH_CONNECTION": "198.51.100.7 50000 192.0.2.10 2222", "USER": "alice"})
	m := browsing(t, Options{Controller: remoteFake{gatedController{newFakeController()}, nil}, Getenv: sshEnv})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()})
	m.Update(playResultMsg{seq: m.play.seq, slots: session.SlotStatus{Held: 1, Limit: 1}})
	screen := screenOf(m)
	for _, want := range []string{
		"ssh -L 41234:127.0.0.1:41234 -p 2222 alice@192.0.2.10",
		"mpv http://127.0.0.1:41234/live/0123abcd/live.ts",
		"no player connected",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("remote panel lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "the player runs on this server") {
		t.Error("remote mode claims the player runs on the server")
	}
	if n := len(strings.Split(screen, "\n")); n != 24 {
		t.Errorf("screen has %d lines with the panel, want 24", n)
	}
	m.Update(keyPress("s"))
	m.Update(stoppedMsg{seq: m.play.seq})
	if strings.Contains(screenOf(m), "ssh -L") {
		t.Error("the remote panel stays after stopping")
	}
}

func TestRemotePanelSaysWhenAPlayerConnects(t *testing.T) {
	viewer := &atomic.Bool{}
	m := browsing(t, Options{Controller: remoteFake{gatedController{newFakeController()}, viewer}, Getenv: env(nil)})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()})
	m.Update(playResultMsg{seq: m.play.seq, slots: session.SlotStatus{Held: 1, Limit: 1}})
	if screen := screenOf(m); !strings.Contains(screen, "no player connected") {
		t.Errorf("the panel does not say no player is connected:\n%s", screen)
	}
	viewer.Store(true)
	m.Update(eventMsg{ok: true, ev: session.Event{State: session.Playing}, slots: session.SlotStatus{Held: 1, Limit: 1}})
	screen := screenOf(m)
	if !strings.Contains(screen, "a player is connected") || strings.Contains(screen, "no player connected") {
		t.Errorf("the panel does not say a player is connected:\n%s", screen)
	}
	viewer.Store(false)
	m.Update(eventMsg{ok: true, ev: session.Event{State: session.Playing}, slots: session.SlotStatus{Held: 1, Limit: 1}})
	if screen := screenOf(m); !strings.Contains(screen, "no player connected") {
		t.Errorf("the panel still says a player is connected after it left:\n%s", screen)
	}
}
