package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

const account = "alice@provider.test:8080"

func rejected(status int, detail string) error {
	return &playlist.Error{Source: account, Problem: playlist.Refused, Status: status, Detail: detail,
		Err: errors.New("http://provider.test:8080/player_api.php?username=alice&password=s3cret")}
}

func accountPlaylist(status string) *playlist.Playlist {
	p := pl(account, chn("BBC One", "UK", "1", ""))
	p.Account = &playlist.Account{Server: "http://provider.test:8080", Username: "alice", Auth: true, Status: status,
		ExpiresAt: refusedAt.AddDate(0, 0, -2), MaxConnections: 1}
	return p
}

// loadScreen is the refusal screen open about a source's load, if any.
func loadScreen(m *Model) *refusal.Model {
	if s, ok := m.top().(*refusal.Model); ok && s.Source() != "" {
		return s
	}
	return nil
}

func TestLoadRefusalOpensItsScreen(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    *fakeSource
		doctor bool
		title  string // "" when no screen opens
	}{
		{"auth 0", &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}, true, "Username or password rejected"},
		{"HTTP 401", &fakeSource{name: account, err: rejected(401, "credentials rejected (HTTP 401 Unauthorized)")}, true, "Username or password rejected"},
		{"expired account", &fakeSource{name: account, pl: accountPlaylist("Expired")}, true, "Subscription expired"},
		{"banned account", &fakeSource{name: account, pl: accountPlaylist("Banned")}, true, "Account banned"},
		{"active account", &fakeSource{name: account, pl: accountPlaylist("Active")}, true, ""},
		{"unreachable panel", &fakeSource{name: account, err: &playlist.Error{Source: account, Problem: playlist.Unreachable, Detail: "request failed"}}, true, ""},
		{"no doctor", &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Sources: []playlist.Source{tc.src}, Controller: newFakeController(), Getenv: env(nil)}
			if tc.doctor {
				opts.Doctor = &fakeDoctor{}
			}
			m := New(opts)
			runAll(m, m.load.handleLoad(loadMsg{source: 0, final: true, pl: tc.src.pl, err: tc.src.err}))
			s := loadScreen(m)
			if tc.title == "" {
				if s != nil {
					t.Fatalf("a screen opened:\n%s", screenOf(m))
				}
				return
			}
			if s == nil {
				t.Fatalf("no screen opened:\n%s", screenOf(m))
			}
			screen := screenOf(m)
			if !strings.Contains(screen, tc.title+": "+account) || !strings.Contains(screen, "What to do") {
				t.Fatalf("screen lacks %q about %s:\n%s", tc.title, account, screen)
			}
			if strings.Contains(screen, "s3cret") {
				t.Fatalf("the screen shows the password:\n%s", screen)
			}
		})
	}
}

// The credentials screen gives its advice, retries nothing, and esc goes
// back to the browser, empty since nothing loaded.
func TestCredentialsAtStartThenBack(t *testing.T) {
	ctrl := newFakeController()
	src := &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}
	d := start(t, Options{Sources: []playlist.Source{src}, Controller: ctrl, Doctor: &fakeDoctor{}, Getenv: env(nil)}, 80, 24)
	screen := d.untilScreen("Username or password rejected")
	for _, want := range []string{"Check the username and password", "tuner check", "esc back"} {
		if !strings.Contains(screen, want) {
			t.Errorf("credentials screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "enter retry") || strings.Contains(screen, "d details") {
		t.Errorf("the screen offers to retry a stream or show one's details:\n%s", screen)
	}
	d.keys("enter")
	d.keys("esc")
	// The empty catalog is built beside the diagnosis and may come after esc.
	screen = d.until("the browser with its catalog", func(m *Model) bool { return m.topIs(m.browser) && m.load.cat != nil })
	if !strings.Contains(screen, "No channels.") || !strings.Contains(screen, "credentials rejected (auth 0)") {
		t.Errorf("after esc: want the empty browser and the load's error in the status bar:\n%s", screen)
	}
	if played, _ := ctrl.snapshot(); len(played) != 0 {
		t.Errorf("the screen played %v", played)
	}
}

// A second source refused while the first one's screen is open waits in
// the status bar: one screen at a time.
func TestLoadRefusalKeepsTheOpenScreen(t *testing.T) {
	first := &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}
	second := &fakeSource{name: "bob@other.test", pl: accountPlaylist("Expired")}
	m := New(Options{Sources: []playlist.Source{first, second}, Controller: newFakeController(), Doctor: &fakeDoctor{}, Getenv: env(nil)})
	runAll(m, m.load.handleLoad(loadMsg{source: 0, final: true, err: first.err}))
	runAll(m, m.load.handleLoad(loadMsg{source: 1, final: true, pl: second.pl}))
	if s := loadScreen(m); s == nil || s.Source() != account {
		t.Fatalf("want the first source's screen open:\n%s", screenOf(m))
	}
}

func TestGoldenLoadRefusal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("credentials_%dx%d", size[0], size[1]), func(t *testing.T) {
			src := &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}
			d := start(t, Options{Sources: []playlist.Source{src}, Controller: newFakeController(), Doctor: &fakeDoctor{},
				Getenv: env(nil), Theme: ThemeDark}, size[0], size[1])
			d.untilScreen("Username or password rejected")
			golden.RequireEqual(t, d.final())
		})
	}
}
