package cmd

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/session"
)

// guidedChannels loads the sources and their guide, and returns the live
// channels, each source's account, and the playlists with the guide for
// finding a programme.
func (g *globals) guidedChannels(ctx context.Context) ([]playlist.Channel, map[string]session.Account, []*playlist.Playlist, *epg.Guide, error) {
	pls, gd, err := loadGuided(ctx, g, &epgOptions{}, nil)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	limits := g.limits()
	var chans []playlist.Channel
	accts := map[string]session.Account{}
	for _, p := range pls {
		accts[p.Source] = session.AccountFrom(p.Account, limits[p.Source])
		for _, c := range p.Channels.All() {
			if c.Kind() == playlist.KindLive {
				chans = append(chans, *c)
			}
		}
	}
	return chans, accts, pls, gd, nil
}

// nextProgramme is the programme titled title on ch that is on now or
// comes first: the exact title (ignoring case) before one that holds it.
func nextProgramme(pls []*playlist.Playlist, gd *epg.Guide, ch playlist.Channel, title string, now time.Time) (epg.Programme, error) {
	k, ok := guideKey(pls, gd, ch)
	if !ok {
		return epg.Programme{}, usageErrorf("the guide has no programmes for %s", playlist.Printable(ch.Name))
	}
	progs := gd.Schedule(k, now, now.Add(8*24*time.Hour))
	want := strings.ToLower(strings.TrimSpace(title))
	for _, exact := range []bool{true, false} {
		for _, p := range progs {
			t := strings.ToLower(p.Title)
			if p.Stop.After(now) && (t == want || !exact && strings.Contains(t, want)) {
				return p, nil
			}
		}
	}
	return epg.Programme{}, usageErrorf("no programme titled %q on %s in the guide's coming days",
		playlist.Printable(title), playlist.Printable(ch.Name))
}

func guideKey(pls []*playlist.Playlist, gd *epg.Guide, ch playlist.Channel) (epg.Key, bool) {
	for _, p := range pls {
		if p.Source != ch.Source {
			continue
		}
		m := epg.MatchPlaylist(p, gd)
		for i, c := range p.Channels.All() {
			if c.Name == ch.Name && c.URL == ch.URL {
				return m.Keys[i], m.Keys[i].Valid()
			}
		}
	}
	return epg.Key{}, false
}

// programmeWindow sets e's times and title from the programme titled
// o.programme on ch; a programme without an end in the guide is refused.
func programmeWindow(pls []*playlist.Playlist, gd *epg.Guide, ch playlist.Channel, o recordOptions, now time.Time) (time.Time, time.Time, string, error) {
	p, err := nextProgramme(pls, gd, ch, o.programme, now)
	if err != nil {
		return time.Time{}, time.Time{}, "", err
	}
	if p.Stop.IsZero() {
		return time.Time{}, time.Time{}, "", fmt.Errorf("the guide gives %s no end: schedule it with --at and --for", playlist.Printable(p.Title))
	}
	title := o.title
	if title == "" {
		title = p.Title
	}
	return p.Start, p.Stop, title, nil
}
