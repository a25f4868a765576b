package epg_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
)

// A loader as cmd would wire it: guides from the playlist header, cached,
// matched to the playlist, then now-next for one channel.
func Example() {
	p := &playlist.Playlist{
		Header:   playlist.Attributes{GuideURLs: []string{"http://guide.test/uk.xml.gz"}},
		Channels: playlist.List([]playlist.Channel{{Name: "UK: BBC One FHD"}, {Name: "Unknown TV"}}),
	}
	fetch := func(ctx context.Context, url string) (io.ReadCloser, error) {
		// In tuner this is playlist/remote; here a guide in a string.
		return io.NopCloser(strings.NewReader(`<tv>
<channel id="BBCOne.uk"><display-name>BBC One</display-name></channel>
<programme start="20261123180000 +0000" stop="20261123183000 +0000" channel="BBCOne.uk"><title>News</title></programme>
<programme start="20261123183000 +0000" stop="20261123190000 +0000" channel="BBCOne.uk"><title>Weather</title></programme>
</tv>`)), nil
	}
	g, err := epg.LoadURLs(context.Background(), p.Header.GuideURLs, fetch)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := epg.MatchPlaylist(p, g)
	fmt.Printf("%d of %d channels matched; unmatched: %v\n", m.Matched, p.Channels.Len(), m.Unmatched)

	at := time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)
	now, next := g.NowNext(m.Key(0), at)
	fmt.Printf("now %s (%.0f%%), next %s at %s\n", now.Title, 100*now.Progress(at), next.Title, next.Start.UTC().Format("15:04"))
	// Output:
	// 1 of 2 channels matched; unmatched: [1]
	// now News (50%), next Weather at 18:30
}
