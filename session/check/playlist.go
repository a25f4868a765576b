package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/tuner-iptv/tuner/internal/words"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// checkPlaylist checks a plain playlist (a file or a URL): it loads it once,
// counts channels and groups, and probes its first streams. Such a source
// says nothing about its account, so the probes assume one connection.
// key names the pacer; requests counts those already sent for this source.
func (c *Checker) checkPlaylist(ctx context.Context, src playlist.Source, key string, requests int) *Report {
	r := &Report{Source: src.Name(), Type: TypePlaylist, CheckedAt: c.opt.Now(), Requests: requests}
	p := c.pacer(key)
	var pl *playlist.Playlist
	err := p.do(ctx, func() (err error) {
		if remoteSource(src) {
			r.Requests++
		}
		pl, err = src.Load(ctx, nil)
		return err
	})
	// A local file counts as reached once it could be opened.
	r.Reachable = !remoteSource(src) && playlist.ProblemOf(err) != playlist.NotFound
	if err != nil {
		return c.apiFailure(r, err)
	}
	r.Reachable = true
	r.Channels = intp(pl.Channels.Len())
	r.Groups = intp(len(pl.Groups))
	creds := playlist.CredentialsOf(src) // a get.php playlist keeps its URLs without the password
	guides := make([]string, len(pl.Header.GuideURLs))
	for i, u := range pl.Header.GuideURLs {
		guides[i] = creds.RequestURL(u)
	}
	r.GuideURL = strings.Join(guides, ",")
	if pl.Channels.Len() == 0 {
		return r.fail(BadPlaylist, "EMPTY: the playlist has no channels", nil)
	}
	targets := make([]target, 0, MaxProbes)
	hls := false
	for _, ch := range pl.Channels.All() {
		if len(targets) == cap(targets) {
			break
		}
		if !strings.HasPrefix(ch.URL, "http://") && !strings.HasPrefix(ch.URL, "https://") {
			continue // rtmp, udp and the like are for the player to open
		}
		t := target{name: ch.Name, url: creds.RequestURL(ch.URL), headers: ch.Headers()}
		hls = hls || t.hls()
		targets = append(targets, t)
	}
	if res := c.runProbes(ctx, p, r, targets, -1, hls, nil); res != nil {
		return res
	}
	r.Outcome = OK
	r.Verdict = fmt.Sprintf("OK: %d %s in %d %s", pl.Channels.Len(), words.Plural(pl.Channels.Len(), "channel", "channels"),
		len(pl.Groups), words.Plural(len(pl.Groups), "group", "groups"))
	if n := len(r.Probes); n > 0 {
		r.Verdict += fmt.Sprintf(", %d %s played", n, words.Plural(n, "stream", "streams"))
	}
	return r
}

// remoteSource reports whether loading src asks a server.
func remoteSource(src playlist.Source) bool {
	switch src.(type) {
	case *source.File, *source.Stdin:
		return false
	}
	return true
}
