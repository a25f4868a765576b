package tui

import (
	"context"
	"errors"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// vodState is what the loader knows of the movies and series catalogues:
// fetched when the person first opens their tab, then kept.
type vodState struct {
	asked [browser.TabCount]bool
	got   [browser.TabCount][]*playlist.Playlist
	done  [browser.TabCount]bool
	err   [browser.TabCount]error
}

// fetched is the catalogues fetched so far, by tab; a tab fetched empty is
// there with no playlists, so its catalog is built and says so.
func (v *vodState) fetched() map[browser.Tab][]*playlist.Playlist {
	out := map[browser.Tab][]*playlist.Playlist{}
	for _, t := range []browser.Tab{browser.TabMovies, browser.TabSeries} {
		if v.done[t] {
			out[t] = v.got[t]
		}
	}
	return out
}

func (v *vodState) emptyText(t browser.Tab) string {
	noun := map[browser.Tab]string{browser.TabMovies: "movies", browser.TabSeries: "series"}[t]
	if err := v.err[t]; err != nil {
		return "No " + noun + ": " + playlist.MaskURL(err.Error())
	}
	return "The provider lists no " + noun + "."
}

func kindOfTab(t browser.Tab) playlist.Kind {
	if t == browser.TabMovies {
		return playlist.KindMovie
	}
	return playlist.KindSeries
}

// openCatalogue fetches a tab's catalogue the first time it is opened. With
// no catalogues to ask, the tab says it has nothing.
func (l *loader) openCatalogue(t browser.Tab) tea.Cmd {
	if t == browser.TabLive || l.vod.asked[t] {
		return nil
	}
	l.vod.asked[t] = true
	cats := l.opts.Catalogues
	if cats == nil {
		l.vod.done[t] = true
		return l.rebuild()
	}
	ctx := l.ctx
	return func() tea.Msg {
		pls, err := cats.Catalogue(ctx, kindOfTab(t), nil)
		return vodMsg{tab: t, pls: pls, err: err}
	}
}

type vodMsg struct {
	tab browser.Tab
	pls []*playlist.Playlist
	err error
}

func (l *loader) handleVOD(msg vodMsg) tea.Cmd {
	if errors.Is(msg.err, context.Canceled) {
		return nil
	}
	l.vod.got[msg.tab], l.vod.err[msg.tab], l.vod.done[msg.tab] = msg.pls, msg.err, true
	if msg.err != nil {
		l.com.Logger.Warn("catalogue failed", "tab", msg.tab.String(), "err", playlist.MaskURL(msg.err.Error()))
		l.app.status = common.StatusMsg{Text: playlist.MaskURL(msg.err.Error()), Err: true}
	}
	return l.rebuild()
}

// splitKinds divides the playlists by the tab their entries belong in. A
// playlist of live channels alone, the usual case, is used as it is; the
// others are split into picks that share their channels, so nothing of a
// list read in place from the cache is made here. The cache recorded the
// split; a list just parsed is split here.
func splitKinds(pls []*playlist.Playlist) [browser.TabCount][]*playlist.Playlist {
	var out [browser.TabCount][]*playlist.Playlist
	for _, pl := range pls {
		parts := pl.Parts
		if parts == nil {
			parts = playlist.Parts(pl.Channels)
		}
		if pl.Channels.Len() == 0 || len(parts) == 1 && parts[0].Members == nil && browser.TabOf(parts[0].Kind) == browser.TabLive {
			out[browser.TabLive] = append(out[browser.TabLive], pl)
			continue
		}
		for t, part := range tabParts(parts) {
			if t == int(browser.TabLive) || part != nil {
				if part == nil {
					part = &playlist.Part{Members: []int32{}}
				}
				// A part without groups (two merged) is grouped by the
				// catalog, as a list just parsed is.
				cp := *pl
				cp.Parts = nil
				if part.Members != nil { // else the part is the whole list
					cp.Channels, cp.Groups = pl.Channels.PickSorted(part.Members), part.Groups
				}
				out[t] = append(out[t], &cp)
			}
		}
	}
	return out
}

// tabParts gives each tab its part. Two kinds share the series tab (a show
// and its episodes); their parts are merged, which a provider's list never
// needs, as it names no shows.
func tabParts(parts []playlist.Part) [browser.TabCount]*playlist.Part {
	var tabs [browser.TabCount]*playlist.Part
	for _, p := range parts {
		t := browser.TabOf(p.Kind)
		if tabs[t] == nil {
			tabs[t] = &p
			continue
		}
		members := append(slices.Clone(tabs[t].Members), p.Members...)
		slices.Sort(members)
		tabs[t] = &playlist.Part{Kind: p.Kind, Members: members}
	}
	return tabs
}

// infoCmd asks the catalogues for a movie's or a show's details.
func infoCmd(ctx context.Context, cats playlist.Catalogues, ch *playlist.Channel) tea.Cmd {
	return func() tea.Msg {
		if cats == nil {
			return browser.InfoMsg{Channel: ch}
		}
		if ch.Kind() == playlist.KindSeries {
			s, _, err := cats.Episodes(ctx, *ch)
			if err != nil {
				return browser.InfoMsg{Channel: ch, Err: err}
			}
			return browser.InfoMsg{Channel: ch, Info: &browser.Info{Plot: s.Plot, Genre: s.Genre, Director: s.Director, Cast: s.Cast, Rating: s.Rating, Year: s.Year}}
		}
		mv, err := cats.MovieDetails(ctx, *ch)
		if err != nil {
			return browser.InfoMsg{Channel: ch, Err: err}
		}
		return browser.InfoMsg{Channel: ch, Info: &browser.Info{Plot: mv.Plot, Genre: mv.Genre, Director: mv.Director, Cast: mv.Cast, Seconds: mv.Seconds, Rating: mv.Rating, Year: mv.Year}}
	}
}

// archiveOf is what ch's archive keeps, its playlist's header taken into
// account, and the provider's time zone replays are asked in.
func (l *loader) archiveOf(ch playlist.Channel) (catchup.Spec, *time.Location) {
	var hdr playlist.Attributes
	var acct *playlist.Account
	if l.cat != nil {
		for _, pl := range l.cat.Playlists {
			if pl.Source == ch.Source {
				hdr, acct = pl.Header, pl.Account
				break
			}
		}
	}
	return catchup.SpecOf(ch, hdr), catchup.Zone(acct)
}
