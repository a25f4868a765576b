package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
)

// recordForOptions browse the sample with the test guide, recording
// through a fake, with a player to play on.
func recordForOptions(t *testing.T) (Options, *fakeRecorder) {
	rec := &fakeRecorder{}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Recorder = rec
	opts.Controller = newFakeController()
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	return opts, rec
}

func TestRecordNowChoosesHowLong(t *testing.T) {
	news := time.Date(2026, 11, 23, 18, 35, 0, 0, time.UTC) // its end and the 5 minutes after
	for _, tc := range []struct {
		name, keys, typed string
		until             time.Time
		title             string
	}{
		{"until stopped", "enter", "", time.Time{}, ""},
		{"to the programme's end", "down enter", "", news, "News"},
		{"for an hour", "down down down enter", "", guideNow.Add(time.Hour), ""},
		{"a length typed", "", "90", guideNow.Add(90 * time.Minute), ""},
		{"a time typed", "", "21:30", time.Date(2026, 11, 23, 21, 30, 0, 0, time.UTC), ""},
		{"a time already past is tomorrow's", "", "7:05", time.Date(2026, 11, 24, 7, 5, 0, 0, time.UTC), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, rec := recordForOptions(t)
			d := start(t, opts, 80, 24)
			d.untilScreen("15 min left")
			d.keys("R")
			d.untilScreen("to the end of News, 18:30 (+5 min)")
			if tc.typed != "" {
				d.typeText(tc.typed)
				d.untilScreen("(21:30, 90m, 1h30m): " + tc.typed)
				d.keys("enter")
			}
			d.keys(tc.keys)
			d.untilScreen("recording BBC One")
			d.final()
			until, ok := rec.Recording(playlist.Channel{Name: "BBC One"})
			if !ok || !until.Equal(tc.until) {
				t.Errorf("recording until %v (%v), want %v", until, ok, tc.until)
			}
			if got := strings.Join(rec.titles, "|"); got != tc.title {
				t.Errorf("title %q, want %q", got, tc.title)
			}
		})
	}
}

func TestRecordNowRefusesWhatIsNeitherATimeNorALength(t *testing.T) {
	opts, rec := recordForOptions(t)
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("R")
	d.untilScreen("until you stop it")
	d.typeText("25:99")
	d.keys("enter")
	d.untilScreen(`"25:99" is neither a time (21:30) nor a length (90m, 1h30m)`)
	d.keys("backspace backspace backspace backspace backspace")
	d.typeText("2h")
	d.keys("enter")
	d.untilScreen("recording BBC One until 20:15")
	d.final()
	if rec.Count() != 1 {
		t.Errorf("%d recordings, want the one of 2h", rec.Count())
	}
}

func TestUntilTyped(t *testing.T) {
	now := time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"20:30":  now.Add(30 * time.Minute),
		"20:00":  now.Add(24 * time.Hour),
		"45":     now.Add(45 * time.Minute),
		"1h30m":  now.Add(90 * time.Minute),
		"24h":    now.Add(24 * time.Hour),
		"0":      {},
		"30s":    {},
		"25h":    {},
		"1:2:3":  {},
		"h":      {},
		"99:00":  {},
		"12:60":  {},
		"3h:30m": {},
	} {
		got, err := untilTyped(in, now)
		if want.IsZero() != (err != nil) || !got.Equal(want) {
			t.Errorf("untilTyped(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// The question of how long to record. Update with:
// go test ./tui/ -run GoldenRecordFor -update
func TestGoldenRecordFor(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			opts, _ := recordForOptions(t)
			d := start(t, opts, size[0], size[1])
			d.untilScreen("15 min left")
			d.keys("R down")
			d.untilScreen("▶ to the end of News")
			golden.RequireEqual(t, d.final())
		})
	}
}
