package tui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/xtream"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/guide"
)

// guideNow is the fixed clock of the guide tests: half way into the news.
var guideNow = time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)

const testGuide = `<tv>
<channel id="bbc1.uk"><display-name>BBC One</display-name></channel>
<channel id="arte.fr"><display-name>Arte</display-name></channel>
<channel id="france2.fr"><display-name>France 2 HD</display-name></channel>
<programme start="20261123173000 +0000" stop="20261123180000 +0000" channel="bbc1.uk"><title>Quiz</title></programme>
<programme start="20261123180000 +0000" stop="20261123183000 +0000" channel="bbc1.uk"><title>News</title>
<desc>The day's news from around the country and the world, with reports from correspondents and the weather for the evening.</desc>
<category>News</category></programme>
<programme start="20261123183000 +0000" stop="20261123190000 +0000" channel="bbc1.uk"><title>Weather</title></programme>
<programme start="20261123190000 +0000" stop="20261123200000 +0000" channel="bbc1.uk"><title>Drama</title><sub-title>The Return</sub-title>
<episode-num system="onscreen">S02E05</episode-num></programme>
<programme start="20261124000000 +0000" stop="20261124010000 +0000" channel="bbc1.uk"><title>Night Film</title></programme>
<programme start="20261123180000 +0000" stop="20261123190000 +0000" channel="arte.fr"><title>Le Journal</title></programme>
</tv>`

func parseTestGuide(t *testing.T) *epg.Guide {
	t.Helper()
	g, err := epg.Parse(strings.NewReader(testGuide), "test guide")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// fakeGuide serves a fixed guide; with gate set it waits for it first.
type fakeGuide struct {
	g    *epg.Guide
	err  error
	gate chan struct{}

	mu    sync.Mutex
	calls int
}

func (f *fakeGuide) Guide(ctx context.Context, _ []*playlist.Playlist) (*epg.Guide, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if f.gate != nil {
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return f.g, f.err
}

func (f *fakeGuide) Interval() time.Duration { return 12 * time.Hour }

// Short answers for channels with a stream id, as an Xtream panel would.
func (f *fakeGuide) Short(_ context.Context, ch *playlist.Channel) (*epg.Guide, epg.Key, error) {
	if ch.Extra == nil || ch.Extra.StreamID == "" {
		return nil, epg.Key{}, nil
	}
	g, k := epg.FromShort(ch.Extra.StreamID, []xtream.Listing{
		{Title: "Live " + ch.Name, Start: guideNow.Add(-45 * time.Minute), End: guideNow.Add(15 * time.Minute)},
	})
	return g, k, nil
}

func guideOptions(f *fakeGuide) Options {
	return Options{
		Cached: []*playlist.Playlist{sample()},
		Guide:  f,
		Now:    func() time.Time { return guideNow },
		Theme:  ThemeDark,
	}
}

// showCatalog hands the model a catalog of its cached playlists, as the
// build command would.
func showCatalog(t *testing.T, m *Model, seq uint64) *browser.Catalog {
	t.Helper()
	cat := browser.Build(m.opts.Cached, m.opts.NewSearcher, nil)
	m.Update(catalogMsg{seq: seq, cats: [browser.TabCount]*browser.Catalog{cat}})
	return cat
}

func detailOf(m *Model) string {
	lines := strings.Split(screenOf(m), "\n")
	return lines[len(lines)-3] // above the status bar and the footer
}

func TestGuideMessageUpdatesDetailLine(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	showCatalog(t, m, 1)
	if d := detailOf(m); strings.Contains(d, "News") {
		t.Fatalf("now and next before any guide: %q", d)
	}
	_, cmd := m.Update(guideLoadedMsg{seq: m.guide.seq, g: parseTestGuide(t)})
	if cmd == nil {
		t.Fatal("a loaded guide is not matched to the catalog")
	}
	m.Update(cmd())
	want := "18:00 News █████░░░░░ 15 min left · next 18:30 Weather · UK · No. 101"
	if d := detailOf(m); !strings.Contains(d, want) {
		t.Fatalf("detail line = %q, want it to contain %q", d, want)
	}
	if s := screenOf(m); !strings.Contains(s, "guide 60% matched") {
		t.Fatalf("status bar lacks the match rate:\n%s", s)
	}
}

func TestStaleGuideMessagesDropped(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	old := showCatalog(t, m, 1)
	g := parseTestGuide(t)
	_, cmd := m.Update(guideLoadedMsg{seq: m.guide.seq + 1, g: g})
	if cmd != nil || m.guide.g != nil {
		t.Fatal("a guide from a load that is not the last one was taken")
	}
	m.Update(guideLoadedMsg{seq: m.guide.seq, g: g})
	match := guideMatchCmd(old, g)()
	showCatalog(t, m, 2) // a fresh catalog replaces the one matched
	m.Update(match)
	if d := detailOf(m); strings.Contains(d, "News") {
		t.Fatalf("a guide matched to an older catalog is shown: %q", d)
	}
	if s := screenOf(m); strings.Contains(s, "matched") {
		t.Fatalf("a rate of an older catalog is shown:\n%s", s)
	}
}

func TestFailedRefreshKeepsOldGuideAndSaysSo(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	showCatalog(t, m, 1)
	stale := &epg.StaleError{Age: 3 * 24 * time.Hour, Err: errors.New("guide.test: unreachable")}
	_, cmd := m.Update(guideLoadedMsg{seq: m.guide.seq, g: parseTestGuide(t), err: stale})
	m.Update(cmd())
	s := screenOf(m)
	if !strings.Contains(s, "guide 60% matched, 3 days ago (refresh failed)") {
		t.Fatalf("a kept guide is not marked old:\n%s", s)
	}
	if !strings.Contains(detailOf(m), "18:00 News") {
		t.Fatalf("the kept guide is not shown: %q", detailOf(m))
	}
}

func TestFailedGuideWithoutOldOneIsAnError(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	showCatalog(t, m, 1)
	err := errors.New("http://guide.test/x.xml?password=s3cret: 404 Not Found")
	m.Update(guideLoadedMsg{seq: m.guide.seq, err: err})
	s := screenOf(m)
	if !strings.Contains(s, "guide: ") || strings.Contains(s, "s3cret") {
		t.Fatalf("status = \n%s\nwant the masked error", s)
	}
}

func TestScheduleOpensWithEAndEscReturns(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	showCatalog(t, m, 1)
	_, cmd := m.Update(guideLoadedMsg{seq: m.guide.seq, g: parseTestGuide(t)})
	m.Update(cmd())

	_, cmd = m.Update(keyPress("e"))
	open, ok := cmd().(browser.OpenGuideMsg)
	if !ok || open.Channel.Name != "BBC One" || !open.Key.Valid() {
		t.Fatalf("e asked for %#v", open)
	}
	m.Update(open)
	s := screenOf(m)
	for _, want := range []string{"Schedule · BBC One", "● News", "Weather", "Drama: The Return"} {
		if !strings.Contains(s, want) {
			t.Fatalf("schedule lacks %q:\n%s", want, s)
		}
	}
	m.Update(keyPress("down")) // keys go to the schedule now
	if s := screenOf(m); !strings.Contains(s, "▶ ") || !strings.Contains(s, "18:30–19:00") {
		t.Fatalf("down did not move to Weather:\n%s", s)
	}

	_, cmd = m.Update(keyPress("esc"))
	if _, ok := cmd().(guide.CloseMsg); !ok {
		t.Fatal("esc did not close the schedule")
	}
	m.Update(guide.CloseMsg{})
	if s := screenOf(m); strings.Contains(s, "Schedule") || !strings.Contains(s, "18:00 News") {
		t.Fatalf("esc did not return to the browser:\n%s", s)
	}
}

func TestKeysAnsweredWhileGuideLoads(t *testing.T) {
	f := &fakeGuide{g: parseTestGuide(t), gate: make(chan struct{})}
	opts := guideOptions(f)
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	d := start(t, opts, 80, 24)
	d.untilScreen("guide loading…")
	d.keys("down")
	d.untilScreen("No. 102")
	close(f.gate)
	d.untilScreen("guide 60% matched")
	d.keys("up")
	d.untilScreen("15 min left")
}

// Golden files of the detail line with now and next, and of the schedule.
// Update them with: go test ./tui/ -run GoldenGuide -update
func TestGoldenGuide(t *testing.T) {
	t.Run("detail_80x24", func(t *testing.T) {
		d := startGuide(t)
		golden.RequireEqual(t, d.final())
	})
	t.Run("schedule_80x24", func(t *testing.T) {
		d := startGuide(t)
		d.keys("e")
		d.untilScreen("Schedule · BBC One")
		golden.RequireEqual(t, d.final())
	})
	t.Run("schedule_unmatched_80x24", func(t *testing.T) {
		d := startGuide(t)
		d.keys("down e")
		d.untilScreen("Schedule · BBC Two")
		golden.RequireEqual(t, d.final())
	})
}

func startGuide(t *testing.T) *driver {
	t.Helper()
	opts := guideOptions(&fakeGuide{g: parseTestGuide(t)})
	opts.Cached = nil
	opts.Sources = []playlist.Source{&fakeSource{name: "home", pl: sample()}}
	d := start(t, opts, 80, 24)
	d.untilScreen("15 min left")
	return d
}

func TestOldGuideRefreshedInBackgroundWithoutHammering(t *testing.T) {
	m := New(guideOptions(&fakeGuide{}))
	showCatalog(t, m, 1)
	g := parseTestGuide(t)
	g.FetchedAt = guideNow.Add(-11 * time.Hour)
	_, cmd := m.Update(guideLoadedMsg{seq: m.guide.seq, g: g})
	m.Update(cmd())
	seq := m.guide.seq

	m.Update(guideTickMsg{})
	if m.guide.seq != seq {
		t.Fatal("a guide younger than the interval is loaded again")
	}
	g.FetchedAt = guideNow.Add(-13 * time.Hour)
	m.Update(guideTickMsg{})
	if m.guide.seq != seq+1 || !m.guide.loading {
		t.Fatal("an old guide is not loaded again")
	}
	if s := screenOf(m); !strings.Contains(s, "guide 60% matched") || !strings.Contains(detailOf(m), "18:00 News") {
		t.Fatalf("the old guide is not shown while the new one loads:\n%s", s)
	}
	m.Update(guideTickMsg{})
	if m.guide.seq != seq+1 {
		t.Fatal("a second load started while one runs")
	}
	stale := &epg.StaleError{Age: 13 * time.Hour, Err: errors.New("guide.test: unreachable")}
	m.Update(guideLoadedMsg{seq: m.guide.seq, g: g, err: stale})
	m.Update(guideTickMsg{})
	if m.guide.seq != seq+1 {
		t.Fatal("a failed refresh is tried again at once")
	}
	if s := screenOf(m); !strings.Contains(s, "13 h ago (refresh failed)") {
		t.Fatalf("the failed refresh is not shown:\n%s", s)
	}
}

func TestShortGuideRequestAnsweredToBrowser(t *testing.T) {
	list := sample()
	list.Channels.At(0).Extra = &playlist.Extra{StreamID: "7"}
	opts := guideOptions(&fakeGuide{})
	opts.Cached = []*playlist.Playlist{list}
	m := New(opts)
	cat := showCatalog(t, m, 1)
	_, cmd := m.Update(browser.ShortGuideRequestMsg{Channel: cat.Channel(0)})
	if cmd == nil {
		t.Fatal("a short guide request is not answered")
	}
	m.Update(cmd())
	if want := "17:30 Live BBC One ████████░░ 15 min left"; !strings.Contains(detailOf(m), want) {
		t.Fatalf("detail line = %q, want %q", detailOf(m), want)
	}
}
