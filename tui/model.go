package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// Model is the root model. Its Update only routes: the window, the theme,
// the global keys and the stack's push and pop are its own; keys go to the
// top screen, app messages to the controllers and screens that take them.
type Model struct {
	*hub
	ctx    context.Context
	cancel context.CancelFunc
	opts   Options

	com  *common.Common
	keys common.GlobalKeys
	help help.Model

	browser *browser.Model // the bottom of the stack
	load    *loader
	play    *playback
	guide   *guides
	remote  []string // the watch-on-your-computer panel, when it shows
	soon    upcoming
}

// New returns the root model for opts. Use Run to show it, or drive it
// with a tea.Program of your own.
func New(opts Options) *Model { return newModel(context.Background(), opts) }

func newModel(ctx context.Context, opts Options) *Model {
	opts.defaults()
	ctx, cancel := context.WithCancel(ctx)
	st := styles.New(opts.Theme != ThemeLight)
	m := &Model{
		hub:    &hub{},
		ctx:    ctx,
		cancel: cancel,
		opts:   opts,
		com:    common.New(st, opts.Logger),
		keys:   common.NewGlobalKeys(opts.Keys),
		help:   help.New(),
	}
	m.com.Keys = opts.Keys
	m.com.Masker = opts.Mask
	m.help.Styles = st.Help
	m.browser = browser.New(ctx, m.com, opts.Prefs)
	m.browser.SetClock(opts.Now)
	m.browser.EnableShortGuides(opts.Guide != nil)
	m.browser.EnableTabs(opts.Catalogues != nil)
	m.browser.EnableInfo(opts.Catalogues != nil)
	if p := opts.Positions; p != nil {
		m.browser.SetPositions(func(ch *playlist.Channel) (time.Duration, time.Duration, bool) { return p.Position(*ch) })
	}
	m.screens = []common.Component{m.browser}
	m.load = newLoader(ctx, m.hub, m.com, &m.opts)
	m.play = newPlayback(ctx, m.hub, m.com, &m.opts)
	m.guide = newGuides(ctx, m.hub, m.com, &m.opts, m.load)
	m.soon = newUpcoming(ctx, m.hub, m.com, &m.opts, m.play)
	m.ctrls = []controller{m.load, m.play, m.guide, recordings{app: m.hub, ctx: ctx, com: m.com, opts: &m.opts},
		catalogue{app: m.hub, ctx: ctx, com: m.com, opts: &m.opts, play: m.play}, m.soon, replays{app: m.hub, opts: &m.opts, load: m.load, play: m.play}, openers{load: m.load, ctx: ctx, app: m.hub, com: m.com, opts: &m.opts, guide: m.guide}}
	if opts.Prefs != nil && opts.Prefs.Warning() != "" {
		// Said once: the damaged file was kept aside and favourites start afresh.
		m.status = common.StatusMsg{Text: opts.Prefs.Warning()}
	}
	m.setSize(80, 24) // until the terminal says otherwise
	return m
}

// Init starts loading, asks the terminal for its background colour (the
// answer, if any, arrives as a message) and listens for playback events.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.top().Init(), m.load.init(), m.soon.init()}
	if m.opts.Theme == ThemeAuto {
		cmds = append(cmds, tea.RequestBackgroundColor)
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
		if m.quitting {
			return m, nil
		}
	case common.PushMsg:
		return m, m.push(msg.Screen)
	case common.PopMsg:
		m.pop()
		return m, nil
	case common.StatusMsg:
		m.status = msg
		return m, nil
	case closedMsg:
		return m, tea.Quit
	}
	cmd := m.send(msg)
	m.relayout()
	return m, cmd
}

func (m *Model) setSize(w, h int) {
	m.com.Width, m.com.Height = w, h
	m.help.SetWidth(w)
	m.resize(w, h-2, len(m.remote)) // status bar and footer below
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

// handleKey acts on the global keys and the play keys, and hands any other
// key to the top screen.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.keys.Update(m.top().Capturing())
	if m.status.Text != "" && !m.status.Err && !key.Matches(msg, m.keys.Quit) {
		m.status = common.StatusMsg{} // a note lasts until the next key, whatever it opens
	}
	_, helpOpen := m.top().(*helpScreen)
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case m.quitting:
		return nil
	case helpOpen:
		m.pop() // any key closes help
		return nil
	case key.Matches(msg, m.keys.Help):
		return m.push(m.newHelp())
	}
	if cmd, ok := m.play.handleKey(msg, m.onBrowser(), m.browser.SelectedChannel()); ok {
		return cmd
	}
	if cmd, ok := m.play.handleVODKey(msg, m.onBrowser()); ok {
		return cmd
	}
	if m.onBrowser() && m.opts.Recorder != nil && key.Matches(msg, recordKey(m.com.Keys)) {
		return m.recordSelected()
	}
	if m.onBrowser() && m.opts.Library != nil && key.Matches(msg, recordingsKey(m.com.Keys)) {
		return m.openRecordings()
	}
	if cmd, ok := m.load.handleKey(msg, m.onBrowser()); ok {
		return cmd
	}
	cmd := m.forward(msg)
	m.keys.Update(m.top().Capturing())
	return cmd
}

// onBrowser reports that the browser is on top and takes no text, where
// the play keys work.
func (m *Model) onBrowser() bool { return m.topIs(m.browser) && !m.browser.Capturing() }

func (m *Model) playKeys() playKeys {
	return m.play.keys(m.onBrowser(), m.browser.SelectedChannel())
}

// newHelp is the help for the screen on top, with the keys the root adds.
func (m *Model) newHelp() *helpScreen {
	pk := newPlayKeys(m.com.Keys)
	groups := append(m.top().FullHelp(), []key.Binding{pk.Stop, pk.Copy, m.keys.Help, m.keys.Quit})
	if m.opts.Recorder != nil && m.topIs(m.browser) {
		groups[len(groups)-1] = append(groups[len(groups)-1], recordKey(m.com.Keys))
	}
	if m.opts.Library != nil && m.topIs(m.browser) {
		groups[len(groups)-1] = append(groups[len(groups)-1], recordingsKey(m.com.Keys))
	}
	if m.opts.Catalogues != nil && m.topIs(m.browser) {
		vk := newVODKeys(m.com.Keys)
		groups = append(groups, []key.Binding{vk.Next, vk.Back, vk.On, vk.BackLarge, vk.OnLarge})
	}
	ssh := func() []string { return m.play.ssh.help(m.play.playing()) }
	return &helpScreen{com: m.com, help: &m.help, groups: groups, ssh: ssh}
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

// relayout shows or hides the remote panel after playback changed, giving
// the screens above it the rest of the height.
func (m *Model) relayout() {
	panel := m.play.ssh.panel(m.play.playing())
	resize := len(panel) != len(m.remote)
	m.remote = panel
	if resize && m.com.Width > 0 {
		m.setSize(m.com.Width, m.com.Height)
	}
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	w := max(m.com.Width, 1)
	top := m.top()
	body := top.View()
	if _, ok := top.(overlay); !ok {
		for _, line := range m.remote {
			body += "\n" + pad(m.com.Cells, line, w)
		}
	}
	v := tea.NewView(body + "\n" + m.statusLine(w) + "\n" + m.footer(w))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tuner"
	v.Cursor = top.Cursor()
	return v
}
