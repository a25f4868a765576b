package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// minResume is how far into a movie or an episode the person must have got
// for tuner to offer to go on from there: less is a false start.
const minResume = 30 * time.Second

// seekSmall and seekLarge are what the seek keys move by.
const (
	seekSmall = 10 * time.Second
	seekLarge = time.Minute
)

// vodKeys act on a movie or an episode that plays: the next episode, and
// seeking through a player tuner can steer.
type vodKeys struct {
	Next               key.Binding
	Back, On           key.Binding
	BackLarge, OnLarge key.Binding
}

func newVODKeys(o common.KeyOverrides) vodKeys {
	return vodKeys{
		Next:      o.Bind(common.ActionNext, key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "next episode"))),
		Back:      o.Bind(common.ActionSeekBack, key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "back 10 s"))),
		On:        o.Bind(common.ActionSeekOn, key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "on 10 s"))),
		BackLarge: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "back 1 min")),
		OnLarge:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "on 1 min")),
	}
}

// vodKeys enables the keys that apply to what plays now.
func (p *playback) vodKeys(onBrowser bool) vodKeys {
	k := newVODKeys(p.com.Keys)
	kind := p.channel.Kind()
	_, seeker := p.opts.Controller.(session.Seeker)
	vod := p.playing() && (kind == playlist.KindMovie || kind == playlist.KindEpisode || kind == playlist.KindReplay || kind == playlist.KindRecording)
	k.Next.SetEnabled(onBrowser && p.playing() && len(p.then) > 0)
	for _, b := range []*key.Binding{&k.Back, &k.On, &k.BackLarge, &k.OnLarge} {
		b.SetEnabled(onBrowser && vod && seeker)
	}
	return k
}

// handleVODKey plays the next episode or seeks; ok is false for any other key.
func (p *playback) handleVODKey(msg tea.KeyPressMsg, onBrowser bool) (tea.Cmd, bool) {
	k := p.vodKeys(onBrowser)
	switch {
	case key.Matches(msg, k.Next):
		return p.start(p.then[0], p.then[1:], 0), true
	case key.Matches(msg, k.Back):
		return p.seek(-seekSmall), true
	case key.Matches(msg, k.On):
		return p.seek(seekSmall), true
	case key.Matches(msg, k.BackLarge):
		return p.seek(-seekLarge), true
	case key.Matches(msg, k.OnLarge):
		return p.seek(seekLarge), true
	}
	return nil, false
}

type seekedMsg struct{ err error }

func (p *playback) seek(by time.Duration) tea.Cmd {
	s, ok := p.opts.Controller.(session.Seeker)
	if !ok {
		return nil
	}
	ctx := p.ctx
	return func() tea.Msg { return seekedMsg{err: s.Seek(ctx, by)} }
}

func (p *playback) handleSeeked(msg seekedMsg) tea.Cmd {
	if msg.err != nil {
		p.app.status = common.StatusMsg{Text: "seek: " + p.com.Mask(msg.err.Error()), Err: true}
	}
	return nil
}

// askPlay plays what the person chose, first asking whether to go on where
// a movie or an episode was left.
func (p *playback) askPlay(msg browser.PlayMsg) tea.Cmd {
	ch := msg.Channel
	if at, ok := p.resumable(ch); ok {
		return p.app.push(newResumeScreen(p.com, ch, msg.Then, at))
	}
	return p.start(ch, msg.Then, 0)
}

// resumable is where ch was left, when that is worth going on from.
func (p *playback) resumable(ch playlist.Channel) (time.Duration, bool) {
	k := ch.Kind()
	if p.opts.Positions == nil || (k != playlist.KindMovie && k != playlist.KindEpisode) {
		return 0, false
	}
	if _, ok := p.opts.Controller.(session.Seeker); !ok {
		return 0, false
	}
	pos, _, watched := p.opts.Positions.Position(ch)
	return pos, pos >= minResume && !watched
}

// start plays ch from at (0: the start), then queued for the next-episode key.
func (p *playback) start(ch playlist.Channel, then []playlist.Channel, at time.Duration) tea.Cmd {
	p.then = then
	if at <= 0 {
		return p.handlePlay(ch)
	}
	p.resumeAt = at
	return p.handlePlay(ch)
}

// playCall is how a start reaches the controller: at a position when one
// was chosen.
func (p *playback) playCall(ctx context.Context, ch playlist.Channel) func() error {
	at := p.resumeAt
	p.resumeAt = 0
	if s, ok := p.opts.Controller.(session.Seeker); ok && at > 0 {
		return func() error { return s.PlayAt(ctx, ch, at) }
	}
	ctrl := p.opts.Controller
	return func() error { return ctrl.Play(ctx, ch) }
}

// resumeMsg is the person's answer to the resume question.
type resumeMsg struct {
	ch   playlist.Channel
	then []playlist.Channel
	at   time.Duration // 0 to start over
}

// resumeScreen asks "resume at 1:02:13 or start over".
type resumeScreen struct {
	question
	ch   playlist.Channel
	then []playlist.Channel
	at   time.Duration
	keys struct{ Resume, Over, Back key.Binding }
}

func newResumeScreen(com *common.Common, ch playlist.Channel, then []playlist.Channel, at time.Duration) *resumeScreen {
	s := &resumeScreen{question: question{com: com}, ch: ch, then: then, at: at}
	s.keys.Resume = key.NewBinding(key.WithKeys("enter", "r"), key.WithHelp("enter", "resume at "+browser.Clock(at)))
	s.keys.Over = key.NewBinding(key.WithKeys("b", "0"), key.WithHelp("b", "start over"))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return s
}

func (s *resumeScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Resume, s.keys.Over, s.keys.Back}
}
func (s *resumeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *resumeScreen) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Resume):
		return s, s.answer(resumeMsg{ch: s.ch, then: s.then, at: s.at})
	case key.Matches(k, s.keys.Over):
		return s, s.answer(resumeMsg{ch: s.ch, then: s.then})
	case key.Matches(k, s.keys.Back):
		return s, common.Pop
	}
	return s, nil
}

func (s *resumeScreen) View() string {
	return s.page([]string{
		"",
		"  " + playlist.Printable(s.ch.Name),
		"",
		"  You stopped at " + browser.Clock(s.at) + ".",
		"",
		"  enter  resume at " + browser.Clock(s.at),
		"  b      start over",
		"  esc    back",
	})
}
