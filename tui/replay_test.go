package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the provider's zone below

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// channelController records whole channels, URLs and kinds included.
type channelController struct {
	*fakeController
	mu    sync.Mutex
	chans []playlist.Channel
}

func (c *channelController) Play(ctx context.Context, ch playlist.Channel) error {
	c.mu.Lock()
	c.chans = append(c.chans, ch)
	c.mu.Unlock()
	return c.fakeController.Play(ctx, ch)
}

func (c *channelController) played() []playlist.Channel {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]playlist.Channel(nil), c.chans...)
}

// archivePlaylist is the sample with BBC One keeping three days, on a
// panel in Berlin.
func archivePlaylist() *playlist.Playlist {
	p := sample()
	p.Channels.At(0).Extra = &playlist.Extra{Catchup: "xc", CatchupDays: "3"}
	p.Channels.At(0).URL = "http://provider.test/live/alice/***/1.ts"
	p.Account = &playlist.Account{Timezone: "Europe/Berlin"}
	return p
}

func startArchive(t *testing.T, w, h int) (*driver, *channelController) {
	t.Helper()
	ctrl := &channelController{fakeController: newFakeController()}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}
	opts.Controller = ctrl
	d := start(t, opts, w, h)
	d.untilScreen("15 min left")
	d.keys("e")
	d.untilScreen("Schedule · BBC One")
	return d, ctrl
}

func TestScheduleReplaysWhatAiredInTheProvidersZone(t *testing.T) {
	d, ctrl := startArchive(t, 80, 24)
	d.untilScreen("↺ Quiz")
	d.keys("up") // Quiz, 17:30 to 18:00 UTC
	d.untilScreen("enter replay")
	d.keys("enter")
	d.until("the replay plays", func(m *Model) bool { return m.play.playing() && m.topIs(m.browser) })
	d.untilScreen("▶ replay · BBC One")
	d.until("the status bar's whole word on the replay", func(m *Model) bool {
		return m.play.nowPlaying().String() == "▶ replay · BBC One: Quiz · aired Mon 17:30 · 0:00:00 / 0:30:00"
	})
	d.final()
	got := ctrl.played()
	if len(got) != 1 {
		t.Fatalf("played %d streams, want the replay alone", len(got))
	}
	// 17:30 UTC is 18:30 in Berlin in November.
	if want := "http://provider.test/timeshift/alice/***/30/2026-11-23:18-30/1.ts"; got[0].URL != want {
		t.Errorf("replay URL %s, want %s", got[0].URL, want)
	}
	if got[0].Kind() != playlist.KindReplay {
		t.Errorf("the replay plays as %v", got[0].Kind())
	}
}

func TestScheduleOffersTheCurrentProgrammeFromItsStart(t *testing.T) {
	d, ctrl := startArchive(t, 80, 24)
	d.keys("b") // News, on since 18:00
	d.until("the replay plays", func(m *Model) bool { return m.play.playing() })
	d.final()
	got := ctrl.played()
	if want := "http://provider.test/timeshift/alice/***/30/2026-11-23:19-00/1.ts"; len(got) != 1 || got[0].URL != want {
		t.Fatalf("played %+v, want %s", got, want)
	}
}

func TestScheduleEnterOnNowPlaysLiveAndNothingComingPlays(t *testing.T) {
	d, ctrl := startArchive(t, 80, 24)
	d.keys("down enter") // Weather, still to come: nothing
	d.keys("up enter")   // News, on now: live
	d.until("live plays", func(m *Model) bool { return m.play.playing() && m.topIs(m.browser) })
	d.final()
	got := ctrl.played()
	if len(got) != 1 || got[0].Kind() != playlist.KindLive || got[0].URL != "http://provider.test/live/alice/***/1.ts" {
		t.Fatalf("played %+v, want BBC One live only", got)
	}
}

func TestNoReplayWithoutAnArchive(t *testing.T) {
	ctrl := &channelController{fakeController: newFakeController()}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	opts.Controller = ctrl
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("e")
	screen := d.untilScreen("Schedule · BBC One")
	if strings.Contains(screen, "↺") || strings.Contains(screen, "replay") {
		t.Errorf("a channel without an archive offers replays:\n%s", screen)
	}
	d.keys("up enter") // Quiz, aired: nothing to play
	d.final()
	if n := len(ctrl.played()); n != 0 {
		t.Errorf("played %d streams from a past programme without an archive", n)
	}
}

func TestReplayNowPlayingSaysWhereItStands(t *testing.T) {
	ch := *archivePlaylist().Channels.At(0)
	ch.Extra = &playlist.Extra{Kind: playlist.KindReplay, Item: &playlist.Item{Title: "BBC One: Quiz", Aired: guideNow.Add(-45 * time.Minute), Seconds: 1800}}
	name, st := replayText(ch, session.Stats{Elapsed: 12*time.Minute + 34*time.Second, Position: 4 * time.Hour, Length: 4 * time.Second}, guideNow)
	got := newNowPlaying(name, st).String()
	if want := "▶ replay · BBC One: Quiz · aired Mon 17:30 · 0:12:34 / 0:30:00"; got != want {
		t.Errorf("now playing %q, want %q", got, want)
	}
}

// The schedule of an archive channel at the sizes the TUI promises.
// Update with: go test ./tui/ -run GoldenArchive -update
func TestGoldenArchive(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("schedule_%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _ := startArchive(t, size[0], size[1])
			d.keys("up")
			d.untilScreen("in the archive")
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestArchiveChannelsCarryAMark(t *testing.T) {
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}, Theme: ThemeDark}, 80, 24)
	screen := d.untilScreen("archive 3 days")
	var marked []string
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasSuffix(strings.TrimRight(l, " "), "↺") {
			marked = append(marked, l)
		}
	}
	if len(marked) != 1 || !strings.Contains(marked[0], "BBC One") {
		t.Errorf("marked rows %q, want BBC One's alone:\n%s", marked, screen)
	}
}

func startGrid(t *testing.T, w, h int) (*driver, *channelController) {
	t.Helper()
	ctrl := &channelController{fakeController: newFakeController()}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}
	opts.Controller = ctrl
	d := start(t, opts, w, h)
	d.untilScreen("15 min left")
	d.keys("E")
	d.untilScreen("▶●News")
	return d, ctrl
}

func TestGridReplaysAndPlaysLive(t *testing.T) {
	d, ctrl := startGrid(t, 80, 24)
	d.tm.Send(keyPress("left")) // Quiz, in BBC One's archive
	d.untilScreen("Quiz · BBC One · Mon 23 Nov 17:30–18:00 · in the archive")
	d.keys("enter")
	d.until("the replay plays", func(m *Model) bool { return m.play.playing() && m.topIs(m.browser) })
	d.keys("E")
	d.untilScreen("▶●News")
	d.keys("down enter") // BBC Two: no guide, plays live
	d.until("BBC Two plays", func(m *Model) bool { return m.play.channel.Name == "BBC Two" && m.play.playing() })
	d.final()
	got := ctrl.played()
	if len(got) != 2 || got[0].Kind() != playlist.KindReplay || got[1].Kind() != playlist.KindLive {
		t.Fatalf("played %+v, want the replay then BBC Two live", got)
	}
	if want := "http://provider.test/timeshift/alice/***/30/2026-11-23:18-30/1.ts"; got[0].URL != want {
		t.Errorf("replay URL %s, want %s", got[0].URL, want)
	}
}

func TestGridOpensOnTheListShown(t *testing.T) {
	ctrl := &channelController{fakeController: newFakeController()}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}
	opts.Controller = ctrl
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("/")
	d.typeText("fran")
	d.untilScreen("Matches · 1")
	d.keys("esc")
	d.keys("tab down down down down tab") // the France group
	d.untilScreen("France · 2")
	d.keys("E")
	screen := d.untilScreen("Le Journal")
	if strings.Contains(screen, "BBC") || !strings.Contains(screen, "France 2") {
		t.Errorf("the grid is not the group's:\n%s", screen)
	}
}

// The grid at the sizes the TUI promises: at 80x24 three hours and ten
// channels at least. Update with: go test ./tui/ -run GoldenGrid -update
func TestGoldenGrid(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("grid_%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _ := startGrid(t, size[0], size[1])
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestProgrammeSearchPlaysWhatItFinds(t *testing.T) {
	ctrl := &channelController{fakeController: newFakeController()}
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}
	opts.Controller = ctrl
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	d.keys("F")
	d.untilScreen("Find programme:")
	d.typeText("qu")
	screen := d.untilScreen("1 programme")
	if !strings.Contains(screen, "Mon 23 17:30 ↺ Quiz") || !strings.Contains(screen, "BBC One") {
		t.Errorf("the search does not list Quiz in BBC One's archive:\n%s", screen)
	}
	d.keys("enter")
	d.until("the replay plays", func(m *Model) bool { return m.play.playing() && m.topIs(m.browser) })
	d.keys("F")
	d.untilScreen("Find programme:")
	d.typeText("journal")
	d.untilScreen("● Le Journal")
	d.keys("enter")
	d.until("Arte plays live", func(m *Model) bool { return m.play.channel.Name == "Arte" && m.play.playing() })
	// The controller is asked from a command of its own, which may come
	// after the screen says so.
	d.until("the controller plays both", func(*Model) bool { return len(ctrl.played()) == 2 })
	d.final()
	got := ctrl.played()
	if len(got) != 2 || got[0].Kind() != playlist.KindReplay || got[1].Kind() != playlist.KindLive {
		t.Fatalf("played %+v", got)
	}
}

// Update with: go test ./tui/ -run GoldenSearch -update
func TestGoldenSearch(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("search_%dx%d", size[0], size[1]), func(t *testing.T) {
			opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
			opts.Cached = nil
			opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: archivePlaylist()}}
			d := start(t, opts, size[0], size[1])
			d.untilScreen("15 min left")
			d.keys("F")
			d.untilScreen("Find programme:")
			d.typeText("e")
			d.untilScreen("programmes ·")
			golden.RequireEqual(t, d.final())
		})
	}
}
