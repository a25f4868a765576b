package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/xtream"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/styles"
)

var guideNow = time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)

const guideXML = `<tv>
<channel id="bbc1"><display-name>BBC One</display-name></channel>
<channel id="arte"><display-name>Arte</display-name></channel>
<programme start="20261123180000 +0000" stop="20261123183000 +0000" channel="bbc1"><title>News</title></programme>
<programme start="20261123183000 +0000" stop="20261123190000 +0000" channel="bbc1"><title>Weather</title></programme>
<programme start="20261123190000 +0000" stop="20261123210000 +0000" channel="arte"><title>Film</title></programme>
</tv>`

func guideHarness(t *testing.T, pls ...*playlist.Playlist) *harness {
	t.Helper()
	h := newHarness(t, nil, pls...)
	h.m.SetClock(func() time.Time { return guideNow })
	return h
}

func matched(t *testing.T, c *Catalog) GuideMsg {
	t.Helper()
	g, err := epg.Parse(strings.NewReader(guideXML), "guide.xml")
	if err != nil {
		t.Fatal(err)
	}
	msg := GuideMsg{Catalog: c, Guide: g}
	for _, p := range c.Playlists {
		msg.Keys = append(msg.Keys, epg.MatchPlaylist(p, g).Keys...)
	}
	return msg
}

func detail(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

func TestDetailLineNowAndNext(t *testing.T) {
	h := guideHarness(t, sample())
	h.send(matched(t, h.m.cat))
	tests := []struct {
		name, keys, want string
	}{
		{"on air with a bar", "", "18:00 News █████░░░░░ 15 min left · next 18:30 Weather · UK · No. 101"},
		{"no guide channel", "down", "UK · No. 102"},
		{"nothing on yet", "end up up", "nothing on now · next 19:00 Film · France · No. 201"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.keys("home " + tt.keys)
			if got := strings.TrimRight(detail(h), " "); got != tt.want {
				t.Fatalf("detail line = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGuideForAnotherCatalogDropped(t *testing.T) {
	h := guideHarness(t, sample())
	old := matched(t, h.m.cat)
	h.send(CatalogMsg{Catalog: Build([]*playlist.Playlist{sample()}, newIndex, nil)})
	h.send(old)
	if strings.Contains(detail(h), "News") {
		t.Fatalf("a guide matched to an older catalog is shown: %q", detail(h))
	}
	h.send(matched(t, h.m.cat))
	if !strings.Contains(detail(h), "News") {
		t.Fatalf("the guide for the catalog shown is not: %q", detail(h))
	}
}

func TestEOpensScheduleOfSelectedChannel(t *testing.T) {
	h := guideHarness(t, sample())
	h.send(matched(t, h.m.cat))
	h.keys("e")
	open, ok := h.out[len(h.out)-1].(OpenGuideMsg)
	if !ok || open.Channel.Name != "BBC One" || open.Guide == nil || !open.Key.Valid() {
		t.Fatalf("e sent %#v", h.out[len(h.out)-1])
	}
	h.keys("down e")
	open = h.out[len(h.out)-1].(OpenGuideMsg)
	if open.Channel.Name != "BBC Two" || open.Guide == nil || open.Key.Valid() {
		t.Fatalf("e on a channel without a guide channel sent %#v", open)
	}
}

func xtreamList() *playlist.Playlist {
	chans := []playlist.Channel{ch("One", "A"), ch("Two", "A"), ch("Three", "A")}
	for i := range chans {
		chans[i].Extra = &playlist.Extra{StreamID: string(rune('1' + i))}
	}
	return pl("panel", chans...)
}

func requests(h *harness) []string {
	var out []string
	for _, msg := range h.out {
		if r, ok := msg.(ShortGuideRequestMsg); ok {
			out = append(out, r.Channel.Name)
		}
	}
	return out
}

func TestShortGuideAskedForChannelThatStays(t *testing.T) {
	h := guideHarness(t, xtreamList())
	h.m.EnableShortGuides(true)
	h.keys("down down")
	h.expire()
	if got := requests(h); len(got) != 1 || got[0] != "Three" {
		t.Fatalf("short guides asked for %v, want only the channel that stayed selected", got)
	}
	h.keys("up")
	h.expire()
	h.keys("down")
	h.expire()
	if got := requests(h); len(got) != 2 || got[1] != "Two" {
		t.Fatalf("after moving back and forth: asked for %v, want Two once and Three not again", got)
	}

	ls := []xtream.Listing{
		{Title: "Morning", Start: guideNow.Add(-time.Hour), End: guideNow.Add(time.Hour)},
		{Title: "Noon", Start: guideNow.Add(time.Hour), End: guideNow.Add(2 * time.Hour)},
	}
	g, k := epg.FromShort("3", ls)
	h.send(ShortGuideMsg{Channel: h.m.cat.Channel(2), Guide: g, Key: k})
	h.keys("down")
	if want := "17:15 Morning █████░░░░░ 1h00 left · next 19:15 Noon"; !strings.Contains(detail(h), want) {
		t.Fatalf("detail line = %q, want %q", detail(h), want)
	}
}

func TestNoShortGuideWhenDisabledOrFullGuide(t *testing.T) {
	h := guideHarness(t, xtreamList())
	h.keys("down")
	h.expire()
	if got := requests(h); len(got) != 0 {
		t.Fatalf("asked for %v without short guides enabled", got)
	}
	h.m.EnableShortGuides(true)
	h.send(matched(t, h.m.cat))
	h.keys("down")
	h.expire()
	if got := requests(h); len(got) != 0 {
		t.Fatalf("asked for %v while a full guide is loaded", got)
	}
}

// BenchmarkViewWithGuide is a frame with now and next on the detail line,
// from a guide of a week of half-hour programmes on 2,000 channels.
func BenchmarkViewWithGuide(b *testing.B) {
	var x strings.Builder
	x.WriteString("<tv>")
	start := guideNow.Add(-24 * time.Hour)
	var chans []playlist.Channel
	for c := range 2000 {
		id := fmt.Sprintf("ch%d", c)
		chans = append(chans, playlist.Channel{Name: "Channel " + id, TvgID: id, Group: "G"})
		for i := range 7 * 48 {
			s := start.Add(time.Duration(i) * 30 * time.Minute)
			fmt.Fprintf(&x, `<programme start="%s" stop="%s" channel="%s"><title>Show %d</title></programme>`,
				s.Format("20060102150405 -0700"), s.Add(30*time.Minute).Format("20060102150405 -0700"), id, i)
		}
	}
	x.WriteString("</tv>")
	g, err := epg.Parse(strings.NewReader(x.String()), "week.xml")
	if err != nil {
		b.Fatal(err)
	}
	m := New(context.Background(), common.New(styles.New(true), nil), nil)
	m.SetSize(80, 22)
	m.SetClock(func() time.Time { return guideNow })
	c := Build([]*playlist.Playlist{pl("big", chans...)}, newIndex, nil)
	m.Update(CatalogMsg{Catalog: c})
	m.Update(GuideMsg{Catalog: c, Guide: g, Keys: epg.MatchPlaylist(c.Playlists[0], g).Keys})
	if !strings.Contains(m.View(), "next") {
		b.Fatal("no now and next on the detail line")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_ = m.View()
	}
}
