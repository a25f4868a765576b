package tui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// keyedSource loads only with the right password, as a panel does.
type keyedSource struct {
	mu       sync.Mutex
	password string
	loads    int
}

func (s *keyedSource) Name() string { return account }

func (s *keyedSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads++
	if s.password != "right-pw" {
		return nil, rejected(0, "credentials rejected (auth 0)")
	}
	return pl(account, chn("BBC One", "UK", "1", "")), nil
}

func (s *keyedSource) SetPassword(pw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.password = pw
}

// A wrong password at the start: the screen offers to type it again, the
// prompt does not show what is typed, a wrong one opens the screen again,
// and the right one loads the channels.
func TestPasswordTypedAgainAfterARefusal(t *testing.T) {
	src := &keyedSource{password: "wrong-pw"}
	set := func(source, pw string) bool {
		if source != account {
			return false
		}
		src.SetPassword(pw)
		return true
	}
	d := start(t, Options{Sources: []playlist.Source{src}, Controller: newFakeController(), Doctor: &fakeDoctor{},
		Getenv: env(nil), SetPassword: set}, 80, 24)
	screen := d.untilScreen("Username or password rejected")
	if !strings.Contains(screen, "Type the password again") {
		t.Fatalf("the screen does not offer to type the password again:\n%s", screen)
	}
	d.keys("p")
	d.untilScreen("New password for " + account)
	d.typeText("still-wrong")
	screen = d.untilScreen("***********")
	if strings.Contains(screen, "still-wrong") {
		t.Fatalf("the prompt shows the password:\n%s", screen)
	}
	d.keys("enter")
	d.until("a second refusal", func(m *Model) bool {
		src.mu.Lock()
		defer src.mu.Unlock()
		return src.loads == 2 && loadScreen(m) != nil
	})
	d.keys("p")
	d.untilScreen("New password for " + account)
	d.typeText("right-pw")
	d.keys("enter")
	screen = d.until("the channels", func(m *Model) bool {
		return m.topIs(m.browser) && m.load.cat != nil && m.load.cat.Len() == 1
	})
	if !strings.Contains(screen, "BBC One") || strings.Contains(screen, "right-pw") {
		t.Fatalf("after the right password:\n%s", screen)
	}
}

// esc from the refused password's screen lands on a browser that says
// what happened, and p there opens the screen again to type it.
func TestPasswordKeyOnTheEmptyBrowser(t *testing.T) {
	src := &keyedSource{password: "wrong-pw"}
	set := func(_, pw string) bool { src.SetPassword(pw); return true }
	d := start(t, Options{Sources: []playlist.Source{src}, Controller: newFakeController(), Doctor: &fakeDoctor{},
		Getenv: env(nil), SetPassword: set}, 80, 24)
	d.untilScreen("Username or password rejected")
	d.keys("esc")
	d.untilScreen("to type the password again")
	d.keys("p")
	d.untilScreen("Username or password rejected")
	d.keys("p")
	d.untilScreen("New password for " + account)
	d.typeText("right-pw")
	d.keys("enter")
	d.until("the channels", func(m *Model) bool { return m.load.cat != nil && m.load.cat.Len() == 1 })
}
