package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// recordingHolds is what Play says while a recording holds the only slot.
func recordingHolds() *session.SlotTakenError {
	return &session.SlotTakenError{Account: "alice@provider.test", Limit: 1,
		Holders:   []string{"recording UK: BBC One HD until 21:05"},
		Recording: &session.Recording{}, Channel: playlist.Channel{Name: "UK: BBC One HD", Source: "home"},
		Until: time.Date(2026, 12, 2, 21, 5, 0, 0, time.UTC)}
}

func slotTakenOptions(ctrl *fakeController, rec *fakeRecorder) Options {
	return Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Theme: ThemeDark,
		Controller: ctrl, Recorder: rec, Now: func() time.Time { return time.Date(2026, 12, 2, 20, 10, 0, 0, time.UTC) }}
}

const slotTakenLine = "UK: BBC One HD is recording until 21:05 on the account's only connection"

func TestPlayWhileRecordingOffersToWatchIt(t *testing.T) {
	for _, tc := range []struct {
		key              string
		watched, stopped string
		played           int // Play calls, the refused one included
	}{
		{key: "w", watched: "UK: BBC One HD", played: 1},
		{key: "s", stopped: "UK: BBC One HD", played: 2},
		{key: "esc", played: 1},
	} {
		t.Run(tc.key, func(t *testing.T) {
			ctrl := newFakeController()
			ctrl.playErr = recordingHolds()
			rec := &fakeRecorder{}
			rec.onStop = func() { ctrl.mu.Lock(); ctrl.playErr = nil; ctrl.mu.Unlock() }
			d := start(t, slotTakenOptions(ctrl, rec), 80, 24)
			d.untilScreen("5 channels")
			d.keys("enter")
			d.untilScreen(slotTakenLine)
			d.keys(tc.key)
			d.until("the browser back on top", func(m *Model) bool {
				return m.topIs(m.browser) && (tc.played < 2 || m.play.state == session.Playing)
			})
			d.final()
			watched, stopped := rec.asked()
			played, _ := ctrl.snapshot()
			if strings.Join(watched, "|") != tc.watched || strings.Join(stopped, "|") != tc.stopped || len(played) != tc.played {
				t.Errorf("watched %q, stopped %q, played %q; want %q, %q and %d plays", watched, stopped, played, tc.watched, tc.stopped, tc.played)
			}
		})
	}
}

// Golden screens of the question at the sizes the TUI promises.
// Update them with: go test ./tui/ -run GoldenSlotTaken -update
func TestGoldenSlotTaken(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			ctrl := newFakeController()
			ctrl.playErr = recordingHolds()
			d := start(t, slotTakenOptions(ctrl, &fakeRecorder{}), size[0], size[1])
			d.untilScreen("5 channels")
			d.keys("enter")
			d.untilScreen("w watch the recording")
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestAWatchedRecordingCanBeRewound(t *testing.T) {
	ctrl := &seekingController{fakeController: newFakeController()}
	ctrl.playErr = recordingHolds()
	opts := slotTakenOptions(ctrl.fakeController, &fakeRecorder{})
	opts.Controller = ctrl
	d := start(t, opts, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen(slotTakenLine)
	d.keys("w")
	d.until("the recording plays", func(m *Model) bool {
		return m.topIs(m.browser) && m.play.state == session.Playing && m.play.channel.Kind() == playlist.KindRecording
	})
	d.untilScreen("recording · UK: BBC One HD")
	d.keys("left")
	d.until("a seek back", func(m *Model) bool { _, s := ctrl.record(); return len(s) == 1 })
	d.final()
	if _, s := ctrl.record(); len(s) != 1 || s[0] != -seekSmall {
		t.Errorf("seeks %v, want one back by %s", s, seekSmall)
	}
}
