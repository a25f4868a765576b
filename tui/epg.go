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
	"github.com/tuner-iptv/tuner/tui/guide"
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

// guideState is the root's part of the programme guide: loading, the guide,
// its match rate for the catalog shown, and the schedule screen when open.
type guideState struct {
	seq     uint64 // of the last load started
	loading bool
	tried   time.Time // when the last refresh started
	g       *epg.Guide
	stale   *epg.StaleError
	failed  bool

	rateOf  *browser.Catalog // the catalog rate is of
	rate    float64
	ticking bool

	screen *guide.Model
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

// initGuide tells the browser the clock and whether short guides can be
// asked for.
func (m *Model) initGuide() {
	m.browser.SetClock(m.opts.Now)
	m.browser.EnableShortGuides(m.opts.Guide != nil)
}

// handleGuide routes every guide message.
func (m *Model) handleGuide(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case guideLoadedMsg:
		return m.guideLoaded(msg)
	case guideMatchMsg:
		return m.guideMatched(msg)
	case guideTickMsg:
		return tea.Batch(m.refreshGuide(), tea.Tick(guideTick, func(time.Time) tea.Msg { return guideTickMsg{} }))
	case browser.ShortGuideRequestMsg:
		return m.shortGuideCmd(msg.Channel)
	case browser.ShortGuideMsg:
		_, cmd := m.browser.Update(msg)
		return cmd
	case browser.OpenGuideMsg:
		m.guide.screen = guide.New(m.com, m.opts.Now(), msg.Channel, msg.Guide, msg.Key)
		m.guide.screen.SetLoading(m.guide.loading)
		m.active = m.guide.screen
		m.setSize(m.com.Width, m.com.Height)
	case guide.CloseMsg:
		m.guide.screen = nil
		m.active = m.browser
		m.setSize(m.com.Width, m.com.Height)
	}
	return nil
}

// guideOnCatalog starts loading the guide once every source has loaded, and
// matches a loaded guide again to each new catalog.
func (m *Model) guideOnCatalog(cat *browser.Catalog) tea.Cmd {
	switch {
	case m.opts.Guide == nil:
		return nil
	case m.guide.g != nil:
		return guideMatchCmd(cat, m.guide.g)
	case m.guide.seq == 0 && !m.loading():
		return m.loadGuide(cat.Playlists)
	}
	return nil
}

// refreshGuide loads the guide again in the background once it is older
// than the loader's interval; the old one is shown until the new one is
// matched.
func (m *Model) refreshGuide() tea.Cmd {
	g := m.guide.g
	if m.opts.Guide == nil || g == nil || m.guide.loading || m.cat == nil {
		return nil
	}
	now := m.opts.Now()
	if !epg.NeedsRefresh(g.Age(now), m.opts.Guide.Interval()) || now.Sub(m.guide.tried) < guideRetry {
		return nil
	}
	m.guide.tried = now
	return m.loadGuide(m.cat.Playlists)
}

func (m *Model) loadGuide(pls []*playlist.Playlist) tea.Cmd {
	m.guide.seq++
	m.guide.loading = true
	seq, ctx, loader := m.guide.seq, m.ctx, m.opts.Guide
	return func() tea.Msg {
		g, err := loader.Guide(ctx, pls)
		return guideLoadedMsg{seq: seq, g: g, err: err}
	}
}

func (m *Model) guideLoaded(msg guideLoadedMsg) tea.Cmd {
	if msg.seq != m.guide.seq {
		return nil
	}
	m.guide.loading = false
	m.guide.stale = nil
	if msg.err != nil {
		text := playlist.MaskURL(msg.err.Error())
		m.com.Logger.Warn("guide", "err", text)
		var stale *epg.StaleError
		switch {
		case errors.As(msg.err, &stale) && msg.g != nil:
			m.guide.stale = stale
		case msg.g == nil:
			m.guide.failed = true
			m.status = common.StatusMsg{Text: "guide: " + text, Err: true}
		}
	}
	if msg.g == nil {
		return nil
	}
	m.com.Logger.Debug("guide loaded", "channels", msg.g.Stats.Channels, "programmes", msg.g.Stats.Programmes)
	m.guide.g = msg.g
	if m.cat == nil {
		return nil
	}
	return guideMatchCmd(m.cat, msg.g)
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

// guideMatched hands a match to the browser unless the catalog or the guide
// has been replaced meanwhile.
func (m *Model) guideMatched(msg guideMatchMsg) tea.Cmd {
	if msg.cat != m.cat || msg.g != m.guide.g {
		return nil
	}
	m.guide.rateOf = msg.cat
	m.guide.rate = 0
	if n := msg.cat.Len(); n > 0 {
		m.guide.rate = float64(msg.matched) / float64(n)
	}
	_, cmd := m.browser.Update(browser.GuideMsg{Catalog: msg.cat, Guide: msg.g, Keys: msg.keys})
	if !m.guide.ticking {
		m.guide.ticking = true
		cmd = tea.Batch(cmd, tea.Tick(guideTick, func(time.Time) tea.Msg { return guideTickMsg{} }))
	}
	return cmd
}

func (m *Model) shortGuideCmd(ch *playlist.Channel) tea.Cmd {
	if m.opts.Guide == nil || ch == nil {
		return nil
	}
	ctx, loader, logger := m.ctx, m.opts.Guide, m.com.Logger
	return func() tea.Msg {
		g, k, err := loader.Short(ctx, ch)
		if err != nil {
			logger.Debug("short guide", "channel", ch.Name, "err", playlist.MaskURL(err.Error()))
		}
		return browser.ShortGuideMsg{Channel: ch, Guide: g, Key: k}
	}
}

// appendGuideStatus adds the guide's part of the status bar: loading, the
// match rate, and whether the guide shown is an old one kept after a failed
// refresh.
func (m *Model) appendGuideStatus(out []string) []string {
	switch {
	case m.opts.Guide == nil:
		return out
	case m.guide.loading && m.guide.g == nil:
		return append(out, "guide loading…")
	case m.guide.g == nil || m.guide.rateOf != m.cat || m.cat == nil:
		return out
	}
	s := fmt.Sprintf("guide %d%% matched", int(math.Floor(m.guide.rate*100)))
	if m.guide.stale != nil {
		s += ", " + playlist.Ago(m.guide.stale.Age) + " (refresh failed)"
	}
	return append(out, s)
}
