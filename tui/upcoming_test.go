package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/library"
)

// upcomingOptions play on a one-slot account whose schedule holds Drama,
// padded from 18:18, three minutes after the tests' clock.
func upcomingOptions() (Options, *fakeController, *fakeScheduler, *fakeLibrary) {
	lib := &fakeLibrary{}
	opts := libraryOptions(lib)
	ctrl := newFakeController()
	opts.Controller = ctrl
	drama := library.Item{ID: "e1", State: library.Scheduled, Channel: "BBC One", Title: "Drama",
		Start: guideNow.Add(3 * time.Minute), Until: guideNow.Add(50 * time.Minute)}
	sch := &fakeScheduler{due: []library.Item{drama}, now: opts.Now}
	opts.Scheduler = sch
	return opts, ctrl, sch, lib
}

func TestAScheduledRecordingIsWarnedOfWhileSomethingPlays(t *testing.T) {
	opts, _, sch, _ := upcomingOptions()
	sch.due[0].Start = guideNow.Add(5 * time.Minute) // not yet within the warning
	d := start(t, opts, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("▶ BBC One")
	d.tm.Send(upcomingTickMsg{})
	s := d.until("a look at the schedule", func(m *Model) bool { return m.soon.looks == 1 })
	if strings.Contains(s, "⚠") || strings.Contains(s, "takes the slot") {
		t.Errorf("warned five minutes before:\n%s", s)
	}
	sch.mu.Lock()
	sch.due[0].Start = guideNow.Add(3 * time.Minute)
	sch.mu.Unlock()
	d.tm.Send(upcomingTickMsg{})
	d.untilScreen("at 18:18 the scheduled recording of BBC One: Drama takes the slot (in 3 min)")
	d.keys("down") // the note goes; the status bar keeps the time
	d.untilScreen("⚠ rec 18:18")
	d.tm.Send(upcomingTickMsg{}) // said once, not on every look
	s = d.until("the next look", func(m *Model) bool { return m.soon.looks == 3 })
	if strings.Contains(s, "takes the slot (in") {
		t.Errorf("the warning was said again:\n%s", s)
	}
	d.final()
}

func TestNoWarningWithoutPlayback(t *testing.T) {
	opts, _, _, _ := upcomingOptions()
	d := start(t, opts, 80, 24)
	d.untilScreen("5 channels")
	d.tm.Send(upcomingTickMsg{})
	s := d.until("a tick", func(m *Model) bool { return m.soon.ticks == 1 })
	if strings.Contains(s, "⚠") || strings.Contains(s, "takes the slot") {
		t.Errorf("a warning with nothing playing:\n%s", s)
	}
	d.final()
}

func TestTheRecordingThatTookTheSlotIsSaidAndCanBeWatched(t *testing.T) {
	opts, ctrl, sch, lib := upcomingOptions()
	d := start(t, opts, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("▶ BBC One")
	d.tm.Send(upcomingTickMsg{})
	d.untilScreen("takes the slot (in 3 min)")
	sch.mu.Lock()
	sch.due[0].State, sch.due[0].Start, sch.due[0].Path = library.Recording, guideNow, "/rec/BBC One - Drama.ts"
	sch.mu.Unlock()
	bbc := playedChannel(t, d)
	ctrl.events <- session.Event{State: session.Stopped, Channel: bbc, Err: session.ErrPlayerClosed,
		Message: "stopped: the player was closed by another tuner or `tuner stop`"}
	s := d.untilScreen("The scheduled recording of BBC One: Drama took the slot at 18:15")
	if strings.Contains(s, "takes the slot (in") {
		t.Errorf("the warning is still on the status bar once the slot was taken:\n%s", s)
	}
	d.keys("w")
	d.untilScreen("recording · BBC One: Drama")
	d.final()
	if played, _ := lib.asked(); strings.Join(played, "|") != "/rec/BBC One - Drama.ts" {
		t.Errorf("played %q, want the recording's file", played)
	}
}

func TestAPlayerClosedByAnotherTunerIsNoRecording(t *testing.T) {
	opts, ctrl, _, _ := upcomingOptions() // Drama starts in 3 minutes: not what took the slot
	d := start(t, opts, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("▶ BBC One")
	ctrl.events <- session.Event{State: session.Stopped, Channel: playedChannel(t, d), Err: session.ErrPlayerClosed,
		Message: "stopped: the player was closed by another tuner or `tuner stop`"}
	s := d.untilScreen("closed by another tuner")
	if strings.Contains(s, "took the slot") {
		t.Errorf("a recording was named for another tuner's take-over:\n%s", s)
	}
	d.final()
}

// The screen when a scheduled recording took the slot. Update with:
// go test ./tui/ -run GoldenTaken -update
func TestGoldenTaken(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			opts, ctrl, sch, _ := upcomingOptions()
			sch.due[0].State, sch.due[0].Start = library.Recording, guideNow.Add(-time.Minute)
			d := start(t, opts, size[0], size[1])
			d.untilScreen("5 channels")
			d.keys("enter")
			d.untilScreen("▶ BBC One")
			ctrl.events <- session.Event{State: session.Stopped, Channel: playedChannel(t, d), Err: session.ErrPlayerClosed}
			d.untilScreen("w      watch the recording")
			golden.RequireEqual(t, d.final())
		})
	}
}

func playedChannel(t *testing.T, d *driver) playlist.Channel {
	t.Helper()
	var got playlist.Channel
	d.until("the channel played", func(m *Model) bool {
		got = m.play.channel
		return got.Name != ""
	})
	return got
}
