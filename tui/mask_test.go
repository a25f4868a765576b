package tui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

const quotedSecret = "s3cr3t-pw"

// quotingRefusal is a provider's refusal that quotes the account's password
// where no URL shape gives it away: in a header and in the body.
func quotingRefusal(status int) *session.RefusedError {
	return &session.RefusedError{Refusal: &session.Refusal{
		Status: status,
		Header: http.Header{"X-Auth-Debug": {"user=alice pass " + quotedSecret}},
		Body:   []byte(`{"error":"account alice with password ` + quotedSecret + ` refused"}`),
		URL:    "http://provider.test/live/alice/***/1.ts",
		At:     time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC),
	}}
}

func maskQuoted(s string) string { return playlist.MaskSecret(playlist.MaskURL(s), quotedSecret) }

// The details of a refusal (d), the message for the provider and the
// status bar hide a password the provider quotes, for each status seen
// doing it.
func TestRefusalDetailsHideAQuotedPassword(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusBadGateway} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			ctrl := newFakeController()
			ctrl.playErr = quotingRefusal(status)
			d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
				Getenv: env(nil), Mask: maskQuoted}, 100, 40)
			d.untilScreen("5 channels")
			d.keys("enter")
			d.until("the diagnosis", diagnosed)
			d.keys("d")
			screen := d.untilScreen("X-Auth-Debug")
			if strings.Contains(screen, quotedSecret) {
				t.Fatalf("the details show the password:\n%s", screen)
			}
			if !strings.Contains(screen, "pass ***") || !strings.Contains(screen, "password *** refused") {
				t.Errorf("the details lost what the provider said around the password:\n%s", screen)
			}
		})
	}
}

// What a player or the provider says in the status bar is masked too.
func TestStatusBarHidesAQuotedPassword(t *testing.T) {
	ctrl := newFakeController()
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
		Getenv: env(nil), Mask: maskQuoted}, 100, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	var ch playlist.Channel
	d.until("playing", func(m *Model) bool { ch = m.play.channel; return m.play.state == session.Playing })
	ctrl.events <- session.Event{State: session.Failed, Channel: ch, Message: "player: login " + quotedSecret + " refused"}
	screen := d.untilScreen("refused")
	if strings.Contains(screen, quotedSecret) || !strings.Contains(screen, "login *** refused") {
		t.Fatalf("the status bar does not hide the password:\n%s", screen)
	}
}
