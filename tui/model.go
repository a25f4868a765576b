package tui

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/refusal"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// Model is the root model. Its Update only routes: window, theme and global
// keys are handled here, loading and playback messages update the status,
// everything else goes to the active screen.
type Model struct {
	ctx    context.Context
	cancel context.CancelFunc
	opts   Options

	com      *common.Common
	keys     common.GlobalKeys
	help     help.Model
	showHelp bool

	browser *browser.Model
	active  common.Component

	sources  []sourceState
	buildSeq uint64
	shownSeq uint64
	cat      *browser.Catalog

	play     playState
	remote   []string // the watch-on-your-computer panel, when it shows
	guide    guideState
	slots    session.SlotStatus
	status   common.StatusMsg
	quitting bool
}

type sourceState struct {
	name        string
	loading     bool
	done, total int64
	err         error
	cached      *playlist.Playlist
	fresh       *playlist.Playlist
}

// New returns the root model for opts. Use Run to show it, or drive it
// with a tea.Program of your own.
func New(opts Options) *Model { return newModel(context.Background(), opts) }

func newModel(ctx context.Context, opts Options) *Model {
	opts.defaults()
	ctx, cancel := context.WithCancel(ctx)
	st := styles.New(opts.Theme != ThemeLight)
	m := &Model{
		ctx:    ctx,
		cancel: cancel,
		opts:   opts,
		com:    common.New(st, opts.Logger),
		keys:   common.NewGlobalKeys(opts.Keys),
		help:   help.New(),
	}
	m.com.Keys = opts.Keys
	m.help.Styles = st.Help
	m.browser = browser.New(ctx, m.com, opts.Prefs)
	m.active = m.browser
	m.initGuide()
	m.initSources()
	m.setSize(80, 24) // until the terminal says otherwise
	return m
}

func (m *Model) initSources() {
	cached := map[string]*playlist.Playlist{}
	for _, pl := range m.opts.Cached {
		cached[pl.Source] = pl
	}
	for _, src := range m.opts.Sources {
		name := src.Name()
		m.sources = append(m.sources, sourceState{name: name, loading: true, cached: cached[name]})
		delete(cached, name)
	}
	// Cached copies of sources no longer configured still show, last.
	for _, pl := range m.opts.Cached {
		if cached[pl.Source] != nil {
			m.sources = append(m.sources, sourceState{name: pl.Source, cached: pl})
		}
	}
}

// Init starts loading, asks the terminal for its background colour (the
// answer, if any, arrives as a message) and listens for playback events.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.active.Init()}
	if m.opts.Theme == ThemeAuto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for i, src := range m.opts.Sources {
		cmds = append(cmds, loadCmd(m.ctx, i, src))
	}
	if len(m.opts.Cached) > 0 || len(m.opts.Sources) == 0 {
		cmds = append(cmds, m.rebuild())
	}
	if m.opts.Controller != nil {
		cmds = append(cmds, listenCmd(m.opts.Controller))
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.setTheme(msg.IsDark())
		return m, nil
	case tea.ModeReportMsg:
		m.setCells(msg)
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		if m.showHelp || m.quitting {
			return m, nil
		}
	case loadMsg:
		return m, m.handleLoad(msg)
	case catalogMsg:
		return m, m.handleCatalog(msg)
	case loadReportMsg:
		return m, m.relayout(m.handleLoadReport(msg))
	case guideLoadedMsg, guideMatchMsg, guideTickMsg, browser.ShortGuideRequestMsg, browser.ShortGuideMsg, browser.OpenGuideMsg, guide.CloseMsg:
		return m, m.handleGuide(msg)
	case common.StatusMsg:
		m.status = msg
		return m, nil
	case browser.PlayMsg:
		return m, m.handlePlay(msg)
	case refusal.BackMsg, refusal.PlayMsg, stoppedMsg:
		return m, m.relayout(m.handleScreenMsg(msg))
	case playResultMsg:
		return m, m.relayout(m.handlePlayResult(msg))
	case terminalDoneMsg:
		return m, m.relayout(m.handleTerminalDone(msg))
	case eventMsg:
		return m, m.relayout(m.handleEvent(msg))
	case closedMsg:
		return m, tea.Quit
	}
	return m, m.forward(msg)
}

func (m *Model) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.active, cmd = m.active.Update(msg)
	return cmd
}

func (m *Model) setSize(w, h int) {
	m.com.Width, m.com.Height = w, h
	m.help.SetWidth(w)
	m.active.SetSize(w, max(h-2-len(m.remote), 1)) // remote panel, status bar and footer below
}

func (m *Model) setTheme(dark bool) {
	if m.opts.Theme != ThemeAuto || m.com.Styles.Dark == dark {
		return
	}
	m.com.Styles = styles.New(dark)
	m.help.Styles = m.com.Styles.Help
}

// setCells follows the renderer: once the terminal reports grapheme
// clustering (mode 2027), text is measured by grapheme.
func (m *Model) setCells(msg tea.ModeReportMsg) {
	if msg.Mode != ansi.ModeUnicodeCore {
		return
	}
	switch msg.Value {
	case ansi.ModeReset, ansi.ModeSet, ansi.ModePermanentlySet:
		m.com.Cells = ansi.GraphemeWidth
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.keys.Update(m.active.Capturing())
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case m.quitting:
		return nil
	case m.showHelp:
		m.showHelp = false // any key closes help
		return nil
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return nil
	}
	if cmd, ok := m.handlePlayKey(msg); ok {
		return cmd
	}
	cmd := m.forward(msg)
	if m.status.Text != "" && !m.status.Err {
		m.status = common.StatusMsg{} // a note lasts until the next key
	}
	m.keys.Update(m.active.Capturing())
	return cmd
}

// quit stops playback (when there is any) before the program ends, so the
// provider's slot is given back; a second ctrl+c does not wait.
func (m *Model) quit() tea.Cmd {
	m.cancel()
	if m.opts.Controller == nil || m.quitting {
		return tea.Quit
	}
	m.quitting = true
	return closeCmd(m.opts.Controller)
}

func (m *Model) handleLoad(msg loadMsg) tea.Cmd {
	s := &m.sources[msg.source]
	if !msg.final {
		s.done, s.total = msg.done, msg.total
		return waitLoad(msg.next)
	}
	s.loading = false
	if msg.err != nil {
		m.com.Logger.Warn("load failed", "source", s.name, "err", playlist.MaskURL(msg.err.Error()))
		s.err = msg.err
		m.status = common.StatusMsg{Text: playlist.MaskURL(msg.err.Error()), Err: true}
		diag := diagnoseLoadCmd(m.ctx, m.opts.Doctor, s.name, nil, msg.err)
		if m.buildSeq == 0 && !m.loading() {
			return tea.Batch(m.rebuild(), diag) // nothing loaded at all: say so rather than "loading"
		}
		return diag
	}
	if msg.pl == nil {
		msg.pl = &playlist.Playlist{Source: s.name}
	}
	m.com.Logger.Debug("loaded", "source", s.name, "channels", len(msg.pl.Channels))
	s.fresh = msg.pl
	var diag tea.Cmd
	if msg.pl.Account != nil {
		diag = diagnoseLoadCmd(m.ctx, m.opts.Doctor, s.name, msg.pl.Account, nil)
	}
	return tea.Batch(m.rebuild(), diag)
}

// handleLoadReport opens the screen for an account the provider refuses
// (wrong password, expired), unless another refusal screen is open or
// tuner is quitting. esc goes back to the browser and what it has.
func (m *Model) handleLoadReport(msg loadReportMsg) tea.Cmd {
	if !msg.ok || m.play.screen != nil || m.quitting {
		return nil
	}
	return m.openRefusal(refusal.NewLoad(m.ctx, m.com, m.refusalOptions(), msg.source, msg.report))
}

func (m *Model) loading() bool {
	for _, s := range m.sources {
		if s.loading {
			return true
		}
	}
	return false
}

// rebuild builds a catalog from what is loaded now: fresh copies where they
// have arrived, cached ones elsewhere.
func (m *Model) rebuild() tea.Cmd {
	var pls []*playlist.Playlist
	for _, s := range m.sources {
		switch {
		case s.fresh != nil:
			pls = append(pls, s.fresh)
		case s.cached != nil:
			pls = append(pls, s.cached)
		}
	}
	m.buildSeq++
	return buildCmd(m.buildSeq, pls, m.opts.NewSearcher, m.opts.Prefs)
}

func (m *Model) handleCatalog(msg catalogMsg) tea.Cmd {
	if msg.seq <= m.shownSeq {
		return nil // a newer catalog is already shown
	}
	m.shownSeq = msg.seq
	m.cat = msg.cat
	_, cmd := m.browser.Update(browser.CatalogMsg{Catalog: msg.cat}) // also when another screen is open
	return tea.Batch(cmd, m.guideOnCatalog(msg.cat))
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	w, h := max(m.com.Width, 1), max(m.com.Height, 3)
	var body string
	var cursor *tea.Cursor
	if m.showHelp {
		body = m.fullHelp(w, h-2)
	} else {
		body = m.active.View()
		cursor = m.active.Cursor()
		for _, line := range m.remote {
			body += "\n" + m.pad(line, w)
		}
	}
	v := tea.NewView(body + "\n" + m.statusLine(w) + "\n" + m.footer(w))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tuner"
	v.Cursor = cursor
	return v
}
