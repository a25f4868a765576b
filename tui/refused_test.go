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
