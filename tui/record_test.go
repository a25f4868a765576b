package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/library"
)

// fakeRecorder records nothing but what it is asked.
type fakeRecorder struct {
	mu      sync.Mutex
	on      map[string]time.Time
	titles  []string
	err     error
	watched []string
	stopped []string
	onStop  func() // called as a recording stops
}

func (r *fakeRecorder) Record(_ context.Context, ch playlist.Channel, until time.Time, title string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return "", r.err
	}
	if r.on == nil {
		r.on = map[string]time.Time{}
	}
	r.on[ch.Name] = until
	r.titles = append(r.titles, title)
	return "/rec/" + ch.Name + ".ts", nil
}

func (r *fakeRecorder) StopRecording(_ context.Context, ch playlist.Channel) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.on, ch.Name)
	r.stopped = append(r.stopped, ch.Name)
	if r.onStop != nil {
		r.onStop()
	}
	return nil
}

func (r *fakeRecorder) Watch(_ context.Context, ch playlist.Channel) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.watched = append(r.watched, ch.Name)
	return nil
}

// asked is what was watched and stopped, in order.
func (r *fakeRecorder) asked() (watched, stopped []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.watched...), append([]string(nil), r.stopped...)
}

func (r *fakeRecorder) Recording(ch playlist.Channel) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.on[ch.Name]
	return u, ok
}

func (r *fakeRecorder) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.on)
}

func TestRecordKeyStartsAndStopsARecording(t *testing.T) {
	opts, rec := recordForOptions(t)
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("R")
	d.untilScreen("until you stop it (R again)")
	d.keys("enter")
	d.untilScreen("recording BBC One to /rec/BBC One.ts")
	d.keys("down") // the note goes; the status bar says a recording runs
	d.untilScreen("● rec · no slot held")
	d.keys("up R")
	d.untilScreen("stopped recording BBC One")
	if rec.Count() != 0 {
		t.Error("the recording runs on after the second R")
	}
	d.final()
}

func TestScheduleRecordsTheProgrammeOnNowToItsEnd(t *testing.T) {
	opts, rec := recordForOptions(t)
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("e")
	d.untilScreen("R record to its end")
	d.keys("R")
	d.untilScreen("recording BBC One until 18:35")
	d.keys("down R") // Weather, still to come: not recorded now
	d.final()
	if until, ok := rec.Recording(playlist.Channel{Name: "BBC One"}); !ok || !until.Equal(time.Date(2026, 11, 23, 18, 35, 0, 0, time.UTC)) {
		t.Errorf("recording until %v (%v), want the news's end and 5 minutes", until, ok)
	}
	if strings.Join(rec.titles, "|") != "News" {
		t.Errorf("titles %q, want the news alone", rec.titles)
	}
}

func TestARefusedRecordingSaysWhy(t *testing.T) {
	rec := &fakeRecorder{err: errors.New("the slot is taken: BBC Two plays")}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Theme: ThemeDark, Recorder: rec, Controller: newFakeController()}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("R")
	d.untilScreen("until you stop it")
	d.keys("enter")
	d.untilScreen("not recording BBC One: the slot is taken: BBC Two plays")
}

// fakeScheduler keeps what it is asked to schedule and whether a recorder
// was started.
type fakeScheduler struct {
	mu      sync.Mutex
	entries []string
	running bool
	started int
	// due is what the schedule holds; Due gives what records or starts
	// within its window from now.
	due []library.Item
	now func() time.Time
}

func (s *fakeScheduler) Schedule(_ context.Context, ch playlist.Channel, start, stop time.Time, title string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, ch.Name+" "+title+" "+start.Format("15:04")+"-"+stop.Format("15:04"))
	return "scheduled " + title + " on " + ch.Name, nil
}

func (s *fakeScheduler) Due(_ playlist.Channel, within time.Duration) ([]library.Item, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []library.Item
	for _, it := range s.due {
		if it.State == library.Recording || !it.Start.After(s.now().Add(within)) {
			out = append(out, it)
		}
	}
	return out, nil
}

func (s *fakeScheduler) RecorderRunning() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

func (s *fakeScheduler) StartRecorder(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started++
	s.running = true
	return "a recorder runs in the background (pid 42)", nil
}

func TestScheduleRecordsAProgrammeLaterAndOffersARecorder(t *testing.T) {
	sch := &fakeScheduler{}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Recorder, opts.Scheduler = &fakeRecorder{}, sch
	opts.Controller = newFakeController()
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("e")
	d.untilScreen("Schedule · BBC One")
	d.keys("down down") // Drama, 19:00 to 20:00
	d.untilScreen("R record at its time")
	d.keys("R")
	d.untilScreen("No recorder runs, so nothing scheduled records until one does.")
	d.keys("enter")
	d.untilScreen("a recorder runs in the background (pid 42)")
	d.final()
	sch.mu.Lock()
	defer sch.mu.Unlock()
	if strings.Join(sch.entries, "|") != "BBC One Drama: The Return 19:00-20:00" || sch.started != 1 {
		t.Errorf("scheduled %q, recorders started %d", sch.entries, sch.started)
	}
}

// The question when a programme is scheduled and no recorder runs.
// Update with: go test ./tui/ -run GoldenRecorderAsk -update
func TestGoldenRecorderAsk(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
			opts.Recorder, opts.Scheduler = &fakeRecorder{}, &fakeScheduler{}
			opts.Cached = nil
			opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
			d := start(t, opts, size[0], size[1])
			d.untilScreen("15 min left")
			d.keys("e")
			d.untilScreen("Schedule · BBC One")
			d.keys("down down")
			d.untilScreen("record at its time")
			d.keys("R")
			d.untilScreen("No recorder runs")
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestProgrammeSearchRecordsAndSchedules(t *testing.T) {
	rec, sch := &fakeRecorder{}, &fakeScheduler{running: true}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Recorder, opts.Scheduler = rec, sch
	opts.Controller = newFakeController()
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("F")
	d.untilScreen("Find programme:")
	d.typeText("news")
	d.untilScreen("1 programme")
	d.keys("ctrl+r") // News, on now: recorded now
	d.untilScreen("recording BBC One until 18:35")
	for range 4 { // the search stays open: a new query

		d.keys("backspace")
	}
	d.untilScreen("Type a title")
	d.typeText("drama")
	d.untilScreen("1 programme")
	d.keys("ctrl+r") // Drama, later: scheduled
	d.untilScreen("scheduled Drama: The Return on BBC One")
	d.final()
	if _, ok := rec.Recording(playlist.Channel{Name: "BBC One"}); !ok {
		t.Error("the news is not being recorded")
	}
	sch.mu.Lock()
	defer sch.mu.Unlock()
	if len(sch.entries) != 1 {
		t.Errorf("scheduled %q", sch.entries)
	}
}
