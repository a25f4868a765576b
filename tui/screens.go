package tui

import (
	"cmp"
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/grid"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/series"
)

// openers push the screens a screen asks for by message, building each
// with what the controllers know. A new screen is one file in its package
// (its model, keys and view) and one case here; a screen that needs nothing
// from the controllers can push the next one itself with common.Push.
type openers struct {
	load  *loader
	ctx   context.Context
	app   *hub
	com   *common.Common
	opts  *Options
	guide *guides
}

func (s openers) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case browser.OpenGuideMsg:
		spec, _ := s.load.archiveOf(msg.Channel)
		sched := guide.NewWithArchive(s.com, s.opts.Now(), msg.Channel, msg.Guide, msg.Key, spec)
		if s.opts.Recorder != nil {
			sched.OfferRecording(cmp.Or(s.opts.RecordAfter, 5*time.Minute))
		}
		sched.OfferScheduling(s.opts.Scheduler != nil)
		sched.SetLoading(s.guide.loading)
		return s.app.push(sched), true
	case browser.OpenGridMsg:
		src := grid.Source{Len: msg.Len, Channel: msg.Channel, Guide: msg.Guide, Archive: msg.Archive}
		g := grid.New(s.com, src, s.opts.Now(), msg.Row)
		if s.opts.Recorder != nil {
			g.OfferRecording(cmp.Or(s.opts.RecordAfter, 5*time.Minute), s.opts.Scheduler != nil)
		}
		return s.app.push(g), true
	case browser.OpenSearchMsg:
		find := guide.NewSearch(s.ctx, s.com, s.opts.Now(), s.finder())
		if s.opts.Recorder != nil {
			find.OfferRecording(cmp.Or(s.opts.RecordAfter, 5*time.Minute), s.opts.Scheduler != nil)
		}
		return s.app.push(find), true
	case browser.OpenSeriesMsg:
		return tea.Batch(s.app.push(series.New(s.com, msg.Show, s.positions())), episodesCmd(s.ctx, s.opts.Catalogues, msg.Show)), true
	}
	return nil, false
}

// finder searches the guide and the playlists as they are now: the search
// runs off the UI goroutine, so it is given them rather than reading them.
func (s openers) finder() guide.Finder {
	g, now := s.guide.g, s.opts.Now()
	var pls []*playlist.Playlist
	if s.load.cat != nil {
		pls = s.load.cat.Playlists
	}
	return func(ctx context.Context, q string) ([]epg.Found, error) {
		if g == nil {
			return nil, errors.New("no programme guide is loaded yet")
		}
		return epg.SearchChannels(ctx, pls, g, q, now)
	}
}

func (s openers) positions() browser.Positions {
	p := s.opts.Positions
	if p == nil {
		return nil
	}
	return func(ch *playlist.Channel) (time.Duration, time.Duration, bool) { return p.Position(*ch) }
}

// episodesCmd fetches a show's seasons for the series screen.
func episodesCmd(ctx context.Context, cats playlist.Catalogues, show playlist.Channel) tea.Cmd {
	return func() tea.Msg {
		if cats == nil {
			return series.EpisodesMsg{Show: &show, Err: errors.New("this source lists no episodes")}
		}
		info, seasons, err := cats.Episodes(ctx, show)
		return series.EpisodesMsg{Show: &show, Series: info, Seasons: seasons, Err: err}
	}
}
