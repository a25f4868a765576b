package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// At 40x15 the occupied-slot options do not fit: the screen says there is
// more below and how to see it, scrolling reaches every option, and the
// footer stays.
func TestGoldenRefusalOptionsAt40x15(t *testing.T) {
	ctrl := newFakeController()
	ctrl.playErr = &session.RefusedError{Refusal: diagnosetest.Sample(diagnose.SlotOther, refusedAt).Refusal}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
		Doctor: &fakeDoctor{kind: diagnose.SlotOther}, Getenv: env(nil), Theme: ThemeDark}, 40, 15)
	d.untilScreen("5 channels")
	d.keys("enter")
	first := d.untilScreen("more (↓/j)")
	if !strings.Contains(first, "q quit") {
		t.Errorf("the footer is gone:\n%s", first)
	}
	seen := first
	for range 30 {
		d.keys("down")
	}
	last := d.untilScreen("Retry now")
	seen += last
	for _, opt := range []string{"Reboot", "Contact the provider", "Details", "Retry now"} {
		if !strings.Contains(seen, opt) {
			t.Errorf("option %q never shows:\n%s\n%s", opt, first, last)
		}
	}
	if strings.Contains(last, "more (↓/j)") || !strings.Contains(last, "more (↑/k)") {
		t.Errorf("at the end the screen should say there is more above only:\n%s", last)
	}
	golden.RequireEqual(t, d.final())
}
