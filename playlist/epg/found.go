package epg

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
)

// State is where a programme stands, for what enter does with it.
type State string

// The states of a found programme.
const (
	OnNow   State = "on now"
	Later   State = "later"
	Archive State = "in the archive" // aired, and the channel's archive holds it
	Aired   State = "aired"          // aired, and nothing replays it
)

// Found is a programme a search found, on a channel of the playlists.
type Found struct {
	Channel   *playlist.Channel
	Spec      catchup.Spec // the channel's archive
	Programme Programme
	State     State
}

// Backwards is how far back a search looks: the longest archive a provider
// keeps, beyond which nothing replays.
const Backwards = 14 * 24 * time.Hour

// SearchChannels searches g for query and puts every hit on the first
// playlist channel the guide channel is matched to; hits on guide channels
// no playlist channel has are left out.
func SearchChannels(ctx context.Context, pls []*playlist.Playlist, g *Guide, query string, now time.Time) ([]Found, error) {
	hits, err := g.Search(ctx, query, true, now.Add(-Backwards), now.Add(8*24*time.Hour))
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	type on struct {
		ch    *playlist.Channel
		spec  catchup.Spec
		shift int32
	}
	byGuide := map[int]on{}
	for _, p := range pls {
		m := MatchPlaylist(p, g)
		for i, k := range m.Keys {
			if _, ok := byGuide[int(k.ch)-1]; k.Valid() && !ok {
				byGuide[int(k.ch)-1] = on{p.Channels.At(i), catchup.SpecOf(*p.Channels.At(i), p.Header), k.shift}
			}
		}
	}
	var out []Found
	for _, h := range hits {
		c, ok := byGuide[h.Channel]
		if !ok {
			continue
		}
		p := h.Programme
		shift := time.Duration(c.shift) * time.Second
		p.Start = p.Start.Add(shift)
		if !p.Stop.IsZero() {
			p.Stop = p.Stop.Add(shift)
		}
		out = append(out, Found{Channel: c.ch, Spec: c.spec, Programme: p, State: stateOf(p, c.spec, now)})
	}
	return out, nil
}

func stateOf(p Programme, spec catchup.Spec, now time.Time) State {
	switch {
	case p.Start.After(now):
		return Later
	case p.Stop.IsZero() || p.Stop.After(now):
		return OnNow
	case spec.Offered(p.Start, p.Stop, now):
		return Archive
	}
	return Aired
}

// foundJSON is one line of `tuner epg search --json`.
type foundJSON struct {
	Channel string    `json:"channel"`
	Source  string    `json:"source"`
	Start   time.Time `json:"start"`
	Stop    time.Time `json:"stop,omitzero"`
	Title   string    `json:"title"`
	State   State     `json:"state"`
}

// WriteFound prints found programmes: channel, day and times, title and
// state, tab-separated; or one JSON object per line.
func WriteFound(w io.Writer, found []Found, loc *time.Location, asJSON bool) error {
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	for _, f := range found {
		p := f.Programme
		if asJSON {
			if err := enc.Encode(foundJSON{Channel: f.Channel.Name, Source: f.Channel.Source, Start: p.Start, Stop: p.Stop, Title: p.Title, State: f.State}); err != nil {
				return err
			}
			continue
		}
		when := p.Start.In(loc).Format("Mon 02 Jan 15:04")
		if !p.Stop.IsZero() {
			when += "–" + clock(p.Stop, loc)
		}
		fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", playlist.Printable(f.Channel.Name), when, playlist.Printable(fullTitle(p)), f.State)
	}
	return out.Flush()
}

func fullTitle(p Programme) string {
	if p.SubTitle != "" {
		return p.Title + ": " + p.SubTitle
	}
	return p.Title
}
