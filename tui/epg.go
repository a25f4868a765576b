package tui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// GuideLoader gives the TUI its programme guide. Both methods are called off
// the UI goroutine and may take long; ctx ends when the TUI does.
type GuideLoader interface {
	// Guide loads the guide for the playlists: the guides their headers name
	// (url-tvg) and any configured one. A nil guide with a nil error means
	// there is no guide to load. When a refresh fails it returns the older
	// guide together with an *epg.StaleError.
	Guide(ctx context.Context, pls []*playlist.Playlist) (*epg.Guide, error)
	// Short loads a one-channel guide for ch (Xtream get_short_epg), asked
	// for while no full guide is loaded. A nil guide means none is to be had.
	Short(ctx context.Context, ch *playlist.Channel) (*epg.Guide, epg.Key, error)
	// Interval is how old the guide may get before it is loaded again while
	// the TUI runs; zero or less is epg.DefaultRefreshInterval.
	Interval() time.Duration
}

// guideTick is how often now and next are redrawn while a guide is shown,
// and how often its age is checked.
const guideTick = 30 * time.Second

// guideRetry is how long a failed refresh waits before the next try; the
// old guide stays meanwhile.
const guideRetry = 15 * time.Minute

// guides is the programme guide as the app holds it: loading, refreshing,
// the guide, and its match rate for the catalog shown. The browser and the
// schedule (pushed by openers) show what it has.
type guides struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options
	load *loader // the catalog the guide is matched to

	seq     uint64 // of the last load started
	loading bool
	tried   time.Time // when the last refresh started
	g       *epg.Guide
	stale   *epg.StaleError

	rateOf  *browser.Catalog // the catalog rate is of
	rate    float64
	ticking bool
}

func newGuides(ctx context.Context, app *hub, com *common.Common, opts *Options, load *loader) *guides {
	return &guides{app: app, ctx: ctx, com: com, opts: opts, load: load}
}

// guideLoadedMsg is the end of a guide load; seq drops an outdated one.
type guideLoadedMsg struct {
	seq uint64
	g   *epg.Guide
	err error
}

// guideMatchMsg is a guide matched to a catalog, off the UI goroutine.
type guideMatchMsg struct {
	cat     *browser.Catalog
	g       *epg.Guide
	keys    []epg.Key
	matched int
}

type guideTickMsg struct{}

// update takes every guide message and a new catalog to match the guide
// to.
func (g *guides) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case guideLoadedMsg:
		return g.guideLoaded(msg), true
	case guideMatchMsg:
		return g.guideMatched(msg), true
	case guideTickMsg:
		return tea.Batch(g.refreshGuide(), tea.Tick(guideTick, func(time.Time) tea.Msg { return guideTickMsg{} })), true
	case browser.CatalogMsg:
		return g.guideOnCatalog(msg.Catalog), true
	case browser.ShortGuideRequestMsg:
		return g.shortGuideCmd(msg.Channel), true
	}
	return nil, false
}

// guideOnCatalog starts loading the guide once every source has loaded, and
// matches a loaded guide again to each new catalog.
func (g *guides) guideOnCatalog(cat *browser.Catalog) tea.Cmd {
	switch {
	case g.opts.Guide == nil:
		return nil
	case g.g != nil:
		return guideMatchCmd(cat, g.g)
	case g.seq == 0 && !g.load.loading():
		return g.loadGuide(cat.Playlists)
	}
	return nil
}

// refreshGuide loads the guide again in the background once it is older
// than the loader's interval; the old one is shown until the new one is
// matched.
func (g *guides) refreshGuide() tea.Cmd {
	cat := g.load.cat
	if g.opts.Guide == nil || g.g == nil || g.loading || cat == nil {
		return nil
	}
	now := g.opts.Now()
	if !epg.NeedsRefresh(g.g.Age(now), g.opts.Guide.Interval()) || now.Sub(g.tried) < guideRetry {
		return nil
	}
	g.tried = now
	return g.loadGuide(cat.Playlists)
}

func (g *guides) loadGuide(pls []*playlist.Playlist) tea.Cmd {
	g.seq++
	g.loading = true
	seq, ctx, loader := g.seq, g.ctx, g.opts.Guide
	return func() tea.Msg {
		loaded, err := loader.Guide(ctx, pls)
		return guideLoadedMsg{seq: seq, g: loaded, err: err}
	}
}

func (g *guides) guideLoaded(msg guideLoadedMsg) tea.Cmd {
	if msg.seq != g.seq {
		return nil
	}
	g.loading = false
	g.stale = nil
	if msg.err != nil {
		text := playlist.MaskURL(msg.err.Error())
		g.com.Logger.Warn("guide", "err", text)
		var stale *epg.StaleError
		switch {
		case errors.As(msg.err, &stale) && msg.g != nil:
			g.stale = stale
		case msg.g == nil:
			g.app.status = common.StatusMsg{Text: "guide: " + text, Err: true}
		}
	}
	if msg.g == nil {
		return nil
	}
	g.com.Logger.Debug("guide loaded", "channels", msg.g.Stats.Channels, "programmes", msg.g.Stats.Programmes)
	g.g = msg.g
	if g.load.cat == nil {
		return nil
	}
	return guideMatchCmd(g.load.cat, msg.g)
}

func guideMatchCmd(cat *browser.Catalog, g *epg.Guide) tea.Cmd {
	return func() tea.Msg {
		msg := guideMatchMsg{cat: cat, g: g, keys: make([]epg.Key, 0, cat.Len())}
		for _, pl := range cat.Playlists {
			mt := epg.MatchPlaylist(pl, g)
			msg.keys = append(msg.keys, mt.Keys...)
			msg.matched += mt.Matched
		}
		return msg
	}
}

// guideMatched hands a match to whoever subscribes (the browser) unless the
// catalog or the guide has been replaced meanwhile.
func (g *guides) guideMatched(msg guideMatchMsg) tea.Cmd {
	if msg.cat != g.load.cat || msg.g != g.g {
		return nil
	}
	g.rateOf = msg.cat
	g.rate = 0
	if n := msg.cat.Len(); n > 0 {
		g.rate = float64(msg.matched) / float64(n)
	}
	cmd := g.app.send(browser.GuideMsg{Catalog: msg.cat, Guide: msg.g, Keys: msg.keys})
	if !g.ticking {
		g.ticking = true
		cmd = tea.Batch(cmd, tea.Tick(guideTick, func(time.Time) tea.Msg { return guideTickMsg{} }))
	}
	return cmd
}

func (g *guides) shortGuideCmd(ch *playlist.Channel) tea.Cmd {
	if g.opts.Guide == nil || ch == nil {
		return nil
	}
	ctx, loader, logger := g.ctx, g.opts.Guide, g.com.Logger
	return func() tea.Msg {
		short, k, err := loader.Short(ctx, ch)
		if err != nil {
			logger.Debug("short guide", "channel", ch.Name, "err", playlist.MaskURL(err.Error()))
		}
		return browser.ShortGuideMsg{Channel: ch, Guide: short, Key: k}
	}
}

// appendGuideStatus adds the guide's part of the status bar: loading, the
// match rate, and whether the guide shown is an old one kept after a failed
// refresh.
func (g *guides) appendGuideStatus(out []string) []string {
	cat := g.load.cat
	switch {
	case g.opts.Guide == nil:
		return out
	case g.loading && g.g == nil:
		return append(out, "guide loading…")
	case g.g == nil || g.rateOf != cat || cat == nil:
		return out
	}
	s := fmt.Sprintf("guide %d%% matched", int(math.Floor(g.rate*100)))
	if g.stale != nil {
		s += ", " + playlist.Ago(g.stale.Age) + " (refresh failed)"
	}
	return append(out, s)
}
