package tui

import (
	"context"
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// TerminalController is a Controller whose player draws in the terminal
// (mpv --vo=tct). The screen hands the terminal over for each playback and
// takes it back when the person quits the player.
type TerminalController interface {
	// PlaysInTerminal says whether Play must go through PlayInTerminal.
	PlaysInTerminal() bool
	// PlayInTerminal plays ch on the terminal given and returns once the
	// player is gone and the slot given back.
	PlayInTerminal(ctx context.Context, ch playlist.Channel, in io.Reader, out, errOut io.Writer) error
}

func (p *playback) terminalController() (TerminalController, bool) {
	tc, ok := p.opts.Controller.(TerminalController)
	return tc, ok && tc.PlaysInTerminal()
}

// terminalPlay is one playback in the terminal as Bubble Tea runs it: the
// program releases the terminal, passes it in through the setters, and
// takes it back when Run returns.
type terminalPlay struct {
	ctx  context.Context
	ctrl TerminalController
	ch   playlist.Channel
	in   io.Reader
	out  io.Writer
	err  io.Writer
}

func (c *terminalPlay) SetStdin(r io.Reader)  { c.in = r }
func (c *terminalPlay) SetStdout(w io.Writer) { c.out = w }
func (c *terminalPlay) SetStderr(w io.Writer) { c.err = w }
func (c *terminalPlay) Run() error {
	return c.ctrl.PlayInTerminal(c.ctx, c.ch, c.in, c.out, c.err)
}

// terminalDoneMsg is the end of a playback in the terminal; the screen is
// back.
type terminalDoneMsg struct {
	seq   int
	err   error
	slots session.SlotStatus
}

// playInTerminal hands the terminal to the player for ch.
func (p *playback) playInTerminal(tc TerminalController, seq int, ch playlist.Channel) tea.Cmd {
	ctrl := p.opts.Controller
	run := &terminalPlay{ctx: p.ctx, ctrl: tc, ch: ch}
	return tea.Exec(run, func(err error) tea.Msg {
		return terminalDoneMsg{seq: seq, err: err, slots: ctrl.Slots()}
	})
}

// handleTerminalDone shows the browser again: a refusal or failure as any
// Play's, a quit player as stopped.
func (p *playback) handleTerminalDone(msg terminalDoneMsg) tea.Cmd {
	if msg.err != nil {
		return p.handlePlayResult(playResultMsg(msg))
	}
	p.slots = msg.slots
	if msg.seq != p.seq {
		return nil
	}
	p.starting = false
	p.state = session.Stopped
	p.message = "stopped " + p.channel.Name
	return p.markPlaying()
}
