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

// playingAt returns a model playing name with every number known, on a
// source with a long name, at width w.
func playingAt(t *testing.T, w int, name string) *Model {
	t.Helper()
	ctrl := newFakeController()
	m := New(Options{Controller: ctrl, Getenv: env(nil)})
	src := "alice@provider.example.com:8080"
	m.Update(buildCmd(1, []*playlist.Playlist{pl(src, chn(name, "UK", "1", ""), chn("Other", "UK", "2", ""))}, m.opts.NewSearcher, nil)())
	m.setSize(w, 24)
	m.play.state = session.Playing
	m.play.channel = playlist.Channel{Name: name, Source: src}
	m.play.stats = session.Stats{Elapsed: 83 * time.Second, Width: 1920, Height: 1080, BitrateKbps: 5400, CacheSeconds: 12}
	m.play.slots = session.SlotStatus{Account: src, Held: 1, Limit: 1}
	return m
}

func TestStatusKeepsTheSlotStateWhilePlaying(t *testing.T) {
	long := "UK: BBC One London HD (backup feed, 50 fps, English subtitles)"
	for _, tc := range []struct {
		name    string
		w       int
		channel string
		want    []string // in the status bar
		gone    []string // shortened away
	}{
		{"wide shows everything", 160, "UK: BBC One HD",
			[]string{"▶ UK: BBC One HD · 0:01:23 · 1920×1080 · 5.4 Mb/s · buffer 12 s", "alice@provider.example.com:8080", "2 channels"}, nil},
		{"90 drops buffer, bitrate and source first", 90, "UK: BBC One HD",
			[]string{"▶ UK: BBC One HD · 0:01:23 · 1920×1080", "2 channels"}, []string{"buffer", "Mb/s", "alice@"}},
		{"80 drops the resolution next", 80, "UK: BBC One HD",
			[]string{"▶ UK: BBC One HD · 0:01:23", "2 channels"}, []string{"1920×1080", "alice@"}},
		{"60 drops the channel count too", 60, "UK: BBC One HD",
			[]string{"▶ UK: BBC One HD · 0:01:23"}, []string{"1920×1080", "2 channels"}},
		{"80 cuts a long name", 80, long,
			[]string{"▶ UK: BBC One London HD (backup feed", "… · 0:01:23"}, []string{"subtitles", "1920×1080"}},
		{"60 cuts a long name", 60, long,
			[]string{"▶ UK: BBC One Lon", "… · 0:01:23"}, []string{"1920×1080"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := playingAt(t, tc.w, tc.channel)
			s := statusOf(m)
			if !strings.HasSuffix(s, "slot 1/1 held by this tuner ") {
				t.Errorf("status bar does not end with the slot state:\n%q", s)
			}
			if got := m.com.Cells.StringWidth(s); got != tc.w {
				t.Errorf("status bar is %d cells wide, want %d:\n%q", got, tc.w, s)
			}
			for _, want := range tc.want {
				if !strings.Contains(s, want) {
					t.Errorf("status bar lacks %q:\n%q", want, s)
				}
			}
			for _, gone := range tc.gone {
				if strings.Contains(s, gone) {
					t.Errorf("status bar still shows %q:\n%q", gone, s)
				}
			}
		})
	}
}

// A note in the status bar (an error, a copied URL) is not shortened: it
// says something the person needs now.
func TestStatusNoteIsNotShortenedForTheSlot(t *testing.T) {
	m := playingAt(t, 80, "UK: BBC One HD")
	m.status.Text = "copied http://provider.example.com:8080/live/alice/***/1.ts"
	if s := statusOf(m); !strings.Contains(s, m.status.Text) {
		t.Fatalf("the note was cut:\n%q", s)
	}
}

// Golden screens while playing a channel with a long name in wide
// characters: the slot state stays whole in the status bar at both promised
// sizes.
func TestGoldenPlaying(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			ctrl := newFakeController()
			src := &fakeSource{name: "alice@provider.example.com:8080", pl: unicodeList()}
			d := start(t, Options{Sources: []playlist.Source{src}, Controller: ctrl, Theme: ThemeDark, Getenv: env(nil)}, size[0], size[1])
			d.untilScreen("90 channels")
			d.keys("down down down enter")
			var ch playlist.Channel
			d.until("playing", func(m *Model) bool {
				ch = m.play.channel
				return m.play.state == session.Playing && m.play.slots.Held == 1
			})
			ctrl.events <- session.Event{State: session.Playing, Channel: ch,
				Stats: session.Stats{Elapsed: 83 * time.Second, Width: 1920, Height: 1080, BitrateKbps: 5400, CacheSeconds: 12}}
			d.untilScreen("0:01:23")
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestStatusSaysWhenTheProviderSendsNothing(t *testing.T) {
	m := playingAt(t, 80, "UK: BBC One HD")
	m.play.stats.Stalled = 41 * time.Second
	bar := m.statusLine(80)
	if !strings.Contains(bar, "no data from the provider for 41 s") {
		t.Fatalf("status bar of a stalled stream:\n%s", bar)
	}
}

// When room is short, what plays and what is loaded stay apart: the status
// bar never runs "320×180" into "2 channels" with a single space, at any
// width.
func TestStatusKeepsThePartsApartWhenShort(t *testing.T) {
	for w := 30; w <= 120; w++ {
		m := playingAt(t, w, "Demo")
		m.play.stats = session.Stats{Elapsed: time.Second, Width: 320, Height: 180}
		s := statusOf(m)
		for _, right := range []string{"2 channels", "alice@", "slot 1/1"} {
			i := strings.Index(s, right)
			if i <= 0 {
				continue
			}
			before := s[:i]
			if !strings.HasSuffix(before, "   ") && !strings.HasSuffix(before, "· ") && !strings.HasSuffix(before, "channels · ") {
				t.Errorf("at %d columns %q runs into what is before it:\n%q", w, right, s)
			}
		}
	}
}
