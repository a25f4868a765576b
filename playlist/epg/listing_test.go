package epg

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

const listingGuide = `<tv>
<channel id="bbc1.uk"><display-name>BBC One</display-name></channel>
<channel id="france2.fr"><display-name>France 2</display-name></channel>
<programme start="20261123180000 +0000" stop="20261123183000 +0000" channel="bbc1.uk"><title>News</title></programme>
<programme start="20261123183000 +0000" stop="20261123190000 +0000" channel="bbc1.uk"><title>Weather	and more</title></programme>
<programme start="20261123170000 +0000" stop="20261123190000 +0000" channel="france2.fr"><title>Le Film</title></programme>
</tv>`

func listingFixture(t *testing.T) ([]*playlist.Playlist, *Guide) {
	t.Helper()
	g, err := Parse(strings.NewReader(listingGuide), "guide.xml")
	if err != nil {
		t.Fatal(err)
	}
	pls := []*playlist.Playlist{
		{Channels: playlist.List([]playlist.Channel{
			{Name: "BBC One HD", Group: "UK", TvgID: "bbc1.uk"},
			{Name: "FR: France 2 FHD", Group: "FR"},
		})},
		{Channels: playlist.List([]playlist.Channel{
			{Name: "Match\tLive", Group: "Sport", TvgID: "nope.xx"},
			{Name: "bbc one", TvgID: "BBC1.UK"},
		})},
	}
	return pls, g
}

func TestWriteUnmatched(t *testing.T) {
	pls, g := listingFixture(t)
	var out, sum strings.Builder
	if err := WriteUnmatched(&out, &sum, pls, g); err != nil {
		t.Fatal(err)
	}
	if want := "Match Live\tSport\tnope.xx\n"; out.String() != want {
		t.Errorf("unmatched %q, want %q", out.String(), want)
	}
	want := "guide: 2 channels, 3 programmes from guide.xml\n" +
		"matched 3 of 4 channels (75%): 1 by tvg-id, 1 by tvg-id ignoring case, 1 by name; 1 unmatched\n"
	if sum.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", sum.String(), want)
	}
}

func TestWriteNowNext(t *testing.T) {
	pls, g := listingFixture(t)
	at := time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)
	paris := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		name  string
		query string
		at    time.Time
		loc   *time.Location
		want  string
	}{
		{"every channel in order", "", at, time.UTC,
			"BBC One HD\t18:00–18:30 News\t18:30 Weather and more\n" +
				"FR: France 2 FHD\t17:00–19:00 Le Film\t-\n" +
				"Match Live\tno guide\t\n" +
				"bbc one\t18:00–18:30 News\t18:30 Weather and more\n"},
		{"times in the zone asked for", "france", at, paris, "FR: France 2 FHD\t18:00–20:00 Le Film\t-\n"},
		{"before anything is on", "france", at.Add(-3 * time.Hour), time.UTC, "FR: France 2 FHD\t-\t17:00 Le Film\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			if err := WriteNowNext(context.Background(), &out, pls, g, tc.query, tc.at, tc.loc); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", out.String(), tc.want)
			}
		})
	}
}
