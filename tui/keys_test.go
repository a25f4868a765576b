package tui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/tui/common"
)

// rebound returns a root model with the sample loaded and keys applied.
func rebound(t *testing.T, keys map[string][]string) (*Model, *prefs.Store) {
	store := prefs.Memory()
	return browsing(t, Options{Keys: keys, Prefs: store}), store
}

func footerOf(m *Model) string {
	lines := strings.Split(screenOf(m), "\n")
	return lines[len(lines)-1]
}

func TestOverriddenKeyActsAndOldKeyDoesNot(t *testing.T) {
	tests := []struct {
		name     string
		keys     map[string][]string
		old, new string
		acted    func(m *Model, s *prefs.Store, quit bool) bool
	}{
		{"down", map[string][]string{"down": {"n"}}, "j", "n",
			func(m *Model, _ *prefs.Store, _ bool) bool { return m.browser.SelectedChannel().Name == "BBC Two" }},
		{"favorite", map[string][]string{"favorite": {"x"}}, "f", "x",
			func(_ *Model, s *prefs.Store, _ bool) bool { return len(s.Favorites("home")) == 1 }},
		{"filter", map[string][]string{"filter": {"F"}}, "/", "F",
			func(m *Model, _ *prefs.Store, _ bool) bool { return m.browser.Capturing() }},
		{"help", map[string][]string{"help": {"h"}}, "?", "h",
			func(m *Model, _ *prefs.Store, _ bool) bool { _, open := m.top().(*helpScreen); return open }},
		{"quit", map[string][]string{"quit": {"ctrl+q"}}, "q", "ctrl+q",
			func(_ *Model, _ *prefs.Store, quit bool) bool { return quit }},
		{"space", map[string][]string{"favorite": {" "}}, "f", "space",
			func(_ *Model, s *prefs.Store, _ bool) bool { return len(s.Favorites("home")) == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{tt.old, tt.new} {
				m, store := rebound(t, tt.keys)
				msg := keyPress(k)
				if k == "space" {
					msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
				}
				_, cmd := m.Update(msg)
				if got := tt.acted(m, store, isQuit(cmd)); got != (k == tt.new) {
					t.Errorf("pressing %s: acted %v", k, got)
				}
			}
		})
	}
}

func TestOverriddenKeysWhileTyping(t *testing.T) {
	m, _ := rebound(t, map[string][]string{"quit": {"x"}, "play": {"p"}, "down": {"ctrl+n", "n"}})
	m.Update(keyPress("/"))
	m.Update(keyPress("x"))
	m.Update(keyPress("n"))
	if !strings.Contains(screenOf(m), "/ xn") {
		t.Fatalf("x and n were not typed into the filter:\n%s", screenOf(m))
	}
	if f := footerOf(m); !strings.Contains(f, "ctrl+c quit") || !strings.Contains(f, "enter play") {
		t.Errorf("typing footer: %q", f)
	}
	if _, cmd := m.Update(keyPress("ctrl+c")); !isQuit(cmd) {
		t.Error("with no quit key left while typing, ctrl+c did not quit")
	}
}

func TestHelpShowsOverriddenKeys(t *testing.T) {
	m, _ := rebound(t, map[string][]string{"favorite": {"x"}, "quit": {"ctrl+q"}, "down": {"down", "n"}})
	f := footerOf(m)
	if !strings.Contains(f, "x favourite") || strings.Contains(f, "f favourite") || !strings.Contains(f, "ctrl+q quit") {
		t.Errorf("footer: %q", f)
	}
	m.Update(keyPress("?"))
	got := strings.Join(strings.Fields(screenOf(m)), " ")
	for _, want := range []string{"x favourite", "↓/n down", "ctrl+q quit"} {
		if !strings.Contains(got, want) {
			t.Errorf("full help lacks %q:\n%s", want, got)
		}
	}
}

// The full help with keys rebound, as a monochrome terminal shows it.
// Update with: go test ./tui/ -run GoldenHelpWithKeys -update
func TestGoldenHelpWithKeys(t *testing.T) {
	keys := map[string][]string{
		"favorite": {"x"}, "quit": {"ctrl+q"}, "up": {"up", "i"}, "down": {"down", "n"},
		"schedule": {"v"}, "stop": {"Z"}, "copy-url": {"Y"},
	}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Theme: ThemeDark, Keys: keys}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("?")
	d.untilScreen("Keys")
	golden.RequireEqual(t, d.final())
}

func TestCheckKeys(t *testing.T) {
	tests := []struct {
		name string
		keys map[string][]string
		want string // "" for none
	}{
		{"none", nil, ""},
		{"every default kept", map[string][]string{"play": {"enter"}, "quit": {"q", "ctrl+c"}}, ""},
		{"free key", map[string][]string{"favorite": {"x"}}, ""},
		{"default it replaces", map[string][]string{"favorite": {"k"}, "up": {"up"}}, ""},
		{"quit on favourite", map[string][]string{"quit": {"f"}}, "quit and favorite both use f"},
		{"favourite on quit", map[string][]string{"favorite": {"q"}}, "favorite and quit both use q"},
		{"on the stop key", map[string][]string{"favorite": {"s"}}, "favorite and stop both use s"},
		{"on a digit", map[string][]string{"filter": {"1"}}, "filter and go-to-number both use 1"},
		{"on the schedule screen", map[string][]string{"down": {"down", "n"}}, "down and on-now both use n"},
		{"on the refusal screen", map[string][]string{"up": {"w"}}, "up and wait both use w"},
		{"while typing a filter", map[string][]string{"up": {"ctrl+u"}}, "up and delete-query both use ctrl+u"},
		{"two overrides", map[string][]string{"play": {"x"}, "stop": {"x"}}, "play and stop both use x"},
		{"space", map[string][]string{"favorite": {" "}, "filter": {"space"}}, "favorite and filter both use space"},
		{"unknown action", map[string][]string{"zap": {"z"}}, `"zap" is not an action`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckKeys(tt.keys)
			if got := errText(err); got != tt.want {
				t.Errorf("CheckKeys = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRunRefusesClashingKeys(t *testing.T) {
	err := Run(context.Background(), Options{Keys: map[string][]string{"quit": {"f"}}})
	var clash *common.ClashError
	if !errors.As(err, &clash) || clash.Key != "f" {
		t.Fatalf("Run = %v, want the clash on f", err)
	}
}

// Every action the config file accepts is one the TUI binds, and back.
func TestConfigActionsAreTheTUIs(t *testing.T) {
	cfg, tui := config.Actions(), common.Actions()
	slices.Sort(cfg)
	slices.Sort(tui)
	if !slices.Equal(cfg, tui) {
		t.Fatalf("config actions %v, TUI actions %v", cfg, tui)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestBrowserHintsNameReboundKeys(t *testing.T) {
	m, _ := rebound(t, map[string][]string{"filter": {"F"}, "help": {"h"}, "favorite": {"x"}})
	if s := screenOf(m); !strings.Contains(s, "F to filter · 0-9 to go to a number · h for help") {
		t.Errorf("header hint does not name the rebound keys:\n%s", s)
	}
	m.Update(keyPress("tab"))
	m.Update(keyPress("down"))
	if s := screenOf(m); !strings.Contains(s, "No favourites yet: press x on a channel.") {
		t.Errorf("empty favourites do not name the favourite key:\n%s", s)
	}
}
