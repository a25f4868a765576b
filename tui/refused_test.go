package tui

import (
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// An account the provider refuses as it loads has a cached list: esc from
// its screen does not offer that list to play with the credentials just
// refused, and the browser says why it is empty.
func TestRefusedAccountIsNotPlayedFromTheCache(t *testing.T) {
	ctrl := newFakeController()
	src := &fakeSource{name: account, err: rejected(0, "credentials rejected (auth 0)")}
	cached := pl(account, chn("BBC One", "UK", "1", ""))
	d := start(t, Options{Sources: []playlist.Source{src}, Cached: []*playlist.Playlist{cached}, Controller: ctrl,
		Doctor: &fakeDoctor{}, Getenv: env(nil)}, 100, 24)
	d.untilScreen("Username or password rejected")
	d.keys("esc")
	screen := d.untilScreen("start tuner again")
	if !strings.Contains(screen, "No channels.") || strings.Contains(screen, "BBC One") {
		t.Errorf("the browser still offers the refused account's cached channels:\n%s", screen)
	}
	d.keys("enter")
	if played, _ := ctrl.snapshot(); len(played) != 0 {
		t.Errorf("played %v with refused credentials", played)
	}
}

// The screen of an expired, banned or disabled account shows its expiry
// date, offers the message for the provider (c) about the account, and
// says what esc does.
func TestAccountScreensSayMore(t *testing.T) {
	for _, status := range []string{"Expired", "Banned", "Disabled"} {
		t.Run(status, func(t *testing.T) {
			src := &fakeSource{name: account, pl: accountPlaylist(status)}
			d := start(t, Options{Sources: []playlist.Source{src}, Controller: newFakeController(), Doctor: &fakeDoctor{},
				Getenv: env(nil)}, 80, 30)
			screen := d.untilScreen("What to do")
			for _, want := range []string{"Expiry date: 2026-02-27", "c     Contact the provider", "esc   Back: the browser"} {
				if !strings.Contains(screen, want) {
					t.Errorf("screen lacks %q:\n%s", want, screen)
				}
			}
			d.keys("c")
			screen = d.untilScreen("Message for the provider")
			if !strings.Contains(screen, "shown as "+strings.ToLower(status)) {
				t.Errorf("the message is not about the account:\n%s", screen)
			}
			d.keys("esc esc")
			d.untilScreen("its channels are not shown")
		})
	}
}
