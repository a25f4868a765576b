package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
)

// checkingDoctor remembers an account check, as the real doctor does.
type checkingDoctor struct{ *fakeDoctor }

func (checkingDoctor) LastCheck(string) (doctor.CheckResult, bool) {
	return doctor.CheckResult{At: refusedAt.Add(12 * time.Second), InUse: 1, Allowed: 1}, true
}

// Waiting for a slot shows when the account was last asked and what it
// answered, beside the countdown.
func TestWaitShowsTheLastCheck(t *testing.T) {
	ctrl := newFakeController()
	ctrl.playErr = &session.RefusedError{Refusal: diagnosetest.Sample(diagnose.SlotOther, refusedAt).Refusal}
	doc := checkingDoctor{&fakeDoctor{kind: diagnose.SlotOther, block: true}}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
		Doctor: doc, Getenv: env(nil)}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("Connection slot in use: BBC One")
	d.keys("w")
	screen := d.untilScreen("Next check in 12 s")
	if !strings.Contains(screen, "Last check at 20:00:12: 1 of 1 connections in use") {
		t.Fatalf("the wait does not say what the last check found:\n%s", screen)
	}
}
