package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// loader loads the sources and builds the catalog the browser shows: cached
// copies at once, fresh ones as they arrive, each build tagged so a slower,
// older one never replaces a newer one. It opens the refusal screen for an
// account the provider refuses as it loads.
type loader struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options

	sources  []sourceState
	buildSeq uint64
	shownSeq uint64
	cat      *browser.Catalog // the live catalog shown, nil until the first
	vod      vodState
	// refused holds the sources whose account the provider refused as they
	// loaded (wrong password, expired, banned, disabled), with the browser's
	// word on them: their cached channels are not shown, since playing one
	// would only send credentials the provider just refused.
	refused map[string]refusedAccount
}

type sourceState struct {
	name        string
	loading     bool
	done, total int64
	err         error
	cached      *playlist.Playlist
	fresh       *playlist.Playlist
}

func newLoader(ctx context.Context, app *hub, com *common.Common, opts *Options) *loader {
	l := &loader{app: app, ctx: ctx, com: com, opts: opts}
	cached := map[string]*playlist.Playlist{}
	for _, pl := range opts.Cached {
		cached[pl.Source] = pl
	}
	for _, src := range opts.Sources {
		name := src.Name()
		l.sources = append(l.sources, sourceState{name: name, loading: true, cached: cached[name]})
		delete(cached, name)
	}
	// Cached copies of sources no longer configured still show, last.
	for _, pl := range opts.Cached {
		if cached[pl.Source] != nil {
			l.sources = append(l.sources, sourceState{name: pl.Source, cached: pl})
		}
	}
	return l
}

// init starts loading every source, and shows the cached copies (or that
// there is nothing to load) at once.
func (l *loader) init() tea.Cmd {
	var cmds []tea.Cmd
	for i, src := range l.opts.Sources {
		cmds = append(cmds, loadCmd(l.ctx, i, src))
	}
	if len(l.opts.Cached) > 0 || len(l.opts.Sources) == 0 {
		cmds = append(cmds, l.rebuild())
	}
	return tea.Batch(cmds...)
}

func (l *loader) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loadMsg:
		return l.handleLoad(msg), true
	case catalogMsg:
		return l.handleCatalog(msg), true
	case loadReportMsg:
		return l.handleLoadReport(msg), true
	case refusal.PasswordMsg:
		return l.retryPassword(msg), true
	case browser.OpenCatalogueMsg:
		return l.openCatalogue(msg.Tab), true
	case vodMsg:
		return l.handleVOD(msg), true
	case browser.InfoRequestMsg:
		return infoCmd(l.ctx, l.opts.Catalogues, msg.Channel), true
	}
	return nil, false
}

func (l *loader) handleLoad(msg loadMsg) tea.Cmd {
	s := &l.sources[msg.source]
	if !msg.final {
		s.done, s.total = msg.done, msg.total
		return waitLoad(msg.next)
	}
	s.loading = false
	if msg.err != nil {
		l.com.Logger.Warn("load failed", "source", s.name, "err", playlist.MaskURL(msg.err.Error()))
		s.err = msg.err
		l.app.status = common.StatusMsg{Text: playlist.MaskURL(msg.err.Error()), Err: true}
		diag := diagnoseLoadCmd(l.ctx, l.opts.Doctor, s.name, nil, msg.err)
		if l.buildSeq == 0 && !l.loading() {
			return tea.Batch(l.rebuild(), diag) // nothing loaded at all: say so rather than "loading"
		}
		return diag
	}
	if msg.pl == nil {
		msg.pl = &playlist.Playlist{Source: s.name}
	}
	l.com.Logger.Debug("loaded", "source", s.name, "channels", msg.pl.Channels.Len())
	s.fresh = msg.pl
	l.accepted(s.name)
	var diag tea.Cmd
	if msg.pl.Account != nil {
		diag = diagnoseLoadCmd(l.ctx, l.opts.Doctor, s.name, msg.pl.Account, nil)
	}
	return tea.Batch(l.rebuild(), diag)
}

// handleLoadReport opens the screen for an account the provider refuses
// (wrong password, expired), unless another refusal screen is open or
// tuner is quitting. esc goes back to the browser and what it has.
func (l *loader) handleLoadReport(msg loadReportMsg) tea.Cmd {
	if !msg.ok || l.app.quitting {
		return nil
	}
	rebuild := l.refuse(msg.source, msg.report)
	if l.app.refusal() != nil {
		return rebuild
	}
	return tea.Batch(rebuild, l.app.openRefusal(refusal.NewLoad(l.ctx, l.com, refusalOptions(l.opts), msg.source, msg.report)))
}

func (l *loader) loading() bool {
	for _, s := range l.sources {
		if s.loading {
			return true
		}
	}
	return false
}

// rebuild builds a catalog from what is loaded now: fresh copies where they
// have arrived, cached ones elsewhere.
func (l *loader) rebuild() tea.Cmd {
	var pls []*playlist.Playlist
	for _, s := range l.sources {
		switch {
		case l.refused[s.name].text != "":
		case s.fresh != nil:
			pls = append(pls, s.fresh)
		case s.cached != nil:
			pls = append(pls, s.cached)
		}
	}
	l.buildSeq++
	return buildTabsCmd(l.buildSeq, pls, l.vod.fetched(), l.opts.NewSearcher, l.opts.Prefs)
}

// handleCatalog shows a catalog unless a newer one is shown already; it
// reaches whoever subscribes, the browser under any screen included.
func (l *loader) handleCatalog(msg catalogMsg) tea.Cmd {
	if msg.seq <= l.shownSeq {
		return nil
	}
	l.shownSeq = msg.seq
	l.cat = msg.cats[browser.TabLive]
	cmds := []tea.Cmd{l.app.send(browser.CatalogMsg{Catalog: l.cat, Empty: l.emptyText()})}
	for _, t := range []browser.Tab{browser.TabMovies, browser.TabSeries} {
		if c := msg.cats[t]; c != nil {
			cmds = append(cmds, l.app.send(browser.CatalogMsg{Tab: t, Catalog: c, Empty: l.vod.emptyText(t)}))
		}
	}
	return tea.Batch(cmds...)
}

// loadingText is the status bar's word on the sources still loading.
func (l *loader) loadingText() string {
	var parts []string
	for _, s := range l.sources {
		if !s.loading {
			continue
		}
		t := "loading " + s.name
		switch {
		case s.total > 0:
			t += fmt.Sprintf(" %d%% of %s", s.done*100/s.total, size(s.total))
		case s.done > 0:
			t += " " + size(s.done)
		}
		parts = append(parts, t+"…")
	}
	return strings.Join(parts, " · ")
}

// catalogText is the status bar's word on what is loaded: the source (or
// how many) and the channel count.
func (l *loader) catalogText(tab browser.Tab, shown *browser.Catalog) []string {
	cat, noun := l.cat, "channels"
	if tab != browser.TabLive && shown != nil {
		cat, noun = shown, map[browser.Tab]string{browser.TabMovies: "movies", browser.TabSeries: "shows"}[tab]
	}
	if cat == nil {
		return nil
	}
	var out []string
	if n := len(cat.Playlists); n > 1 {
		out = append(out, fmt.Sprintf("%d sources", n))
	} else if n == 1 {
		out = append(out, cat.Playlists[0].Source)
	}
	if cat.Len() == 1 && tab != browser.TabLive {
		noun = strings.TrimSuffix(noun, "s")
	}
	return append(out, fmt.Sprintf("%s %s", thousands(cat.Len()), noun))
}

// cacheAge says how old the oldest cached copy still on screen is.
func (l *loader) cacheAge(now time.Time) string {
	var oldest time.Time
	for _, s := range l.sources {
		if s.fresh == nil && s.cached != nil && (oldest.IsZero() || s.cached.LoadedAt.Before(oldest)) {
			oldest = s.cached.LoadedAt
		}
	}
	if oldest.IsZero() {
		return ""
	}
	return "cached " + playlist.Ago(now.Sub(oldest))
}

// loadMsg is one step of loading source i: progress, or the end (final).
type loadMsg struct {
	source      int
	done, total int64
	final       bool
	pl          *playlist.Playlist
	err         error
	next        <-chan loadMsg
}

// loadCmd loads one source in the background. Progress comes back through a
// channel, one message at a time, each re-issuing the wait for the next
// (bubbletea's realtime pattern). Progress that arrives faster than it is
// drawn is dropped; the final message never is.
func loadCmd(ctx context.Context, i int, src playlist.Source) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan loadMsg, 1)
		go func() {
			pl, err := src.Load(ctx, func(done, total int64) {
				select {
				case ch <- loadMsg{source: i, done: done, total: total}:
				default:
				}
			})
			ch <- loadMsg{source: i, final: true, pl: pl, err: err}
		}()
		return waitLoad(ch)()
	}
}

func waitLoad(ch <-chan loadMsg) tea.Cmd {
	return func() tea.Msg {
		msg := <-ch
		if !msg.final {
			msg.next = ch
		}
		return msg
	}
}

// catalogMsg carries the catalogs built in the background, one per tab (nil
// for a tab with nothing to show yet); seq orders builds so an older, slower
// one never replaces a newer one.
type catalogMsg struct {
	seq  uint64
	cats [browser.TabCount]*browser.Catalog
}

// buildCmd splits the playlists by kind (an M3U list may hold movies and
// episodes) and builds each tab's catalog, adding the catalogues fetched.
func buildTabsCmd(seq uint64, pls []*playlist.Playlist, vod map[browser.Tab][]*playlist.Playlist, newSearcher func(browser.Names) browser.Searcher, store *prefs.Store) tea.Cmd {
	return func() tea.Msg {
		parts := splitKinds(pls)
		msg := catalogMsg{seq: seq}
		msg.cats[browser.TabLive] = browser.Build(parts[browser.TabLive], newSearcher, store)
		for _, t := range []browser.Tab{browser.TabMovies, browser.TabSeries} {
			fetched, ok := vod[t]
			if len(parts[t]) > 0 || ok {
				msg.cats[t] = browser.Build(append(parts[t], fetched...), newSearcher, store)
			}
		}
		return msg
	}
}

// loadReportMsg is the doctor's word on an account refused as it loaded.
type loadReportMsg struct {
	source string
	report doctor.Report
	ok     bool
}

// diagnoseLoadCmd asks the doctor whether a load's answer (its error, or
// the account it carries) means the provider refuses the account itself.
func diagnoseLoadCmd(ctx context.Context, d refusal.Doctor, source string, acct *playlist.Account, err error) tea.Cmd {
	if d == nil {
		return nil
	}
	return func() tea.Msg {
		rep, ok := d.DiagnoseLoad(ctx, source, acct, err)
		return loadReportMsg{source: source, report: rep, ok: ok}
	}
}

// buildCmd builds the live catalog alone.
func buildCmd(seq uint64, pls []*playlist.Playlist, newSearcher func(browser.Names) browser.Searcher, store *prefs.Store) tea.Cmd {
	return buildTabsCmd(seq, pls, nil, newSearcher, store)
}
