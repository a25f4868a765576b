package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/library"
)

// fakeLibrary holds a catalogue in memory and records what it is asked.
type fakeLibrary struct {
	mu      sync.Mutex
	items   []library.Item
	played  []string
	deleted []string
}

func (l *fakeLibrary) List(context.Context) ([]library.Item, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.items), nil
}

func (l *fakeLibrary) Play(_ context.Context, it library.Item) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.played = append(l.played, it.Path)
	return nil
}

func (l *fakeLibrary) Delete(_ context.Context, it library.Item) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.deleted = append(l.deleted, it.Name())
	l.items = slices.DeleteFunc(l.items, func(x library.Item) bool { return x.Name() == it.Name() })
	return nil
}

func (l *fakeLibrary) asked() (played, deleted []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.played), slices.Clone(l.deleted)
}

// sampleLibrary has one recording of each kind, out of the order shown.
func sampleLibrary() *fakeLibrary {
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	return &fakeLibrary{items: []library.Item{
		{State: library.Done, Channel: "BBC One", Title: "Quiz", Start: day(22, 17, 28), Until: day(22, 18, 5),
			Length: 37 * time.Minute, Bytes: 812_000_000, Path: "/rec/BBC One - Quiz - 2026-11-22 17-28.ts"},
		{State: library.Partial, Channel: "Arte", Title: "Le Journal", Start: day(23, 17, 58), Length: 9*time.Minute + 12*time.Second,
			Bytes: 120_000_000, Gaps: 2, Note: "the provider cut the stream; reconnected", Path: "/rec/Arte - Le Journal - 2026-11-23 17-58.ts"},
		{ID: "a1b2", State: library.Scheduled, Channel: "BBC One", Title: "Drama", Start: day(23, 18, 58), Until: day(23, 20, 5)},
		{State: library.Recording, Channel: "France 2 HD", Start: day(23, 18, 0), Length: 15 * time.Minute,
			Bytes: 330_000_000, Path: "/rec/France 2 HD - 2026-11-23 18-00.ts", Mine: true},
		{ID: "c3d4", State: library.Failed, Channel: "BBC Two", Start: day(21, 21, 0), Until: day(21, 22, 0),
			Note: "missed: no recorder was running at 21:00"},
	}}
}

func libraryOptions(lib *fakeLibrary) Options {
	return Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: newFakeController(),
		Library: lib, Now: func() time.Time { return guideNow }, Theme: ThemeDark, Getenv: env(nil)}
}

func TestRecordingsListsWhatRecordsFirstThenWhatComesThenTheNewest(t *testing.T) {
	d := start(t, libraryOptions(sampleLibrary()), 80, 24)
	d.untilScreen("5 channels")
	d.keys("W")
	s := d.untilScreen("Recordings · 1 recording · 1 scheduled · 1 done · 1 partial · 1 failed")
	var order []string
	for _, name := range []string{"● France 2 HD", "◷ BBC One: Drama", "◐ Arte: Le Journal", "✓ BBC One: Quiz", "✗ BBC Two"} {
		order = append(order, fmt.Sprint(strings.Index(s, name)))
		if !strings.Contains(s, name) {
			t.Fatalf("the catalogue lacks %q:\n%s", name, s)
		}
	}
	for i := 1; i < len(order); i++ {
		if len(order[i]) < len(order[i-1]) || len(order[i]) == len(order[i-1]) && order[i] < order[i-1] {
			t.Fatalf("the lines are out of order (%v):\n%s", order, s)
		}
	}
	d.untilScreen("recording since 18:00, 15:00 so far · enter watches it as it records")
	d.keys("esc")
	d.untilScreen("5 channels")
	d.final()
}

func TestRecordingsPlaysAFileUnderTheStatusBar(t *testing.T) {
	lib := sampleLibrary()
	d := start(t, libraryOptions(lib), 80, 24)
	d.untilScreen("5 channels")
	d.keys("W")
	d.untilScreen("1 failed")
	d.keys("down down") // the partial one
	d.untilScreen("the provider cut the stream; reconnected")
	d.keys("enter")
	d.untilScreen("recording · Arte: Le Journal")
	d.keys("up enter") // the scheduled one: nothing to play yet
	d.untilScreen("not recorded yet: it starts 18:58")
	d.final()
	if played, _ := lib.asked(); strings.Join(played, "|") != "/rec/Arte - Le Journal - 2026-11-23 17-58.ts" {
		t.Errorf("played %q, want the partial file alone", played)
	}
}

func TestRecordingsDeletesAfterAskingAndCancelsWhatIsToCome(t *testing.T) {
	lib := sampleLibrary()
	d := start(t, libraryOptions(lib), 80, 24)
	d.untilScreen("5 channels")
	d.keys("W")
	d.untilScreen("1 failed")
	d.keys("d") // the recording under way
	d.untilScreen("still recording: R on its channel stops it")
	d.keys("down d")
	d.untilScreen("Cancel the scheduled recording of BBC One: Drama, Mon 18:58?")
	d.keys("n")
	d.untilScreen("Recordings · 1 recording · 1 scheduled")
	d.keys("d")
	d.untilScreen("Cancel the scheduled recording")
	d.keys("y")
	d.untilScreen("cancelled the recording of BBC One: Drama")
	d.untilScreen("Recordings · 1 recording · 1 done · 1 partial · 1 failed")
	d.keys("down")
	d.untilScreen("▶ ✓ BBC One: Quiz") // the done one, after the partial
	d.keys("d")
	d.untilScreen("Delete the recording of BBC One: Quiz, Sun 22 Nov 17:28?")
	d.keys("y")
	d.untilScreen("deleted the recording of BBC One: Quiz")
	d.final()
	if _, deleted := lib.asked(); strings.Join(deleted, "|") != "BBC One: Drama|BBC One: Quiz" {
		t.Errorf("deleted %q, want Drama (cancelled) then Quiz", deleted)
	}
}

func TestRecordingsSaysWhenThereAreNone(t *testing.T) {
	d := start(t, libraryOptions(&fakeLibrary{}), 60, 20)
	d.untilScreen("5 channels")
	d.keys("W")
	d.untilScreen("Nothing recorded yet: R on a channel records it")
	d.final()
}

// The Recordings catalogue and its question before a delete. Update with:
// go test ./tui/ -run GoldenRecordings -update
func TestGoldenRecordings(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, step := range []struct{ name, keys, wait string }{
			{"catalogue", "down down", "the provider cut the stream"},
			{"delete", "down down down d", "Its file and its info go"},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", step.name, size[0], size[1]), func(t *testing.T) {
				d := start(t, libraryOptions(sampleLibrary()), size[0], size[1])
				d.untilScreen("5 channels")
				d.keys("W")
				d.untilScreen("✗ BBC Two")
				d.keys(step.keys)
				d.untilScreen(step.wait)
				golden.RequireEqual(t, d.final())
			})
		}
	}
}
