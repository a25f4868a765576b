package session

import (
	"context"
	"errors"
	"io"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/player"
)

// PlaysInTerminal reports whether the player draws in the terminal
// (PlayerOptions.Terminal): the screen must hand the terminal over through
// PlayInTerminal instead of calling Play.
func (m *Manager) PlaysInTerminal() bool {
	_, ok := m.player.(player.Attacher)
	return ok
}

// WatchesRemotely reports Options.Remote: no player runs here, and GateURL
// is what the person opens on their own computer.
func (m *Manager) WatchesRemotely() bool { return m.opts.Remote }

// PlayInTerminal plays ch with the player in the foreground of the terminal
// handed over (in, out, errOut), through the same lease, gate and stop path
// as Play. It returns once playback is over, the player gone and the lease
// released: the person quit the player, Stop or Close ran, ctx ended, or
// the provider closed or refused the stream (then with Play's error).
func (m *Manager) PlayInTerminal(ctx context.Context, ch playlist.Channel, in io.Reader, out, errOut io.Writer) error {
	at, ok := m.player.(player.Attacher)
	if !ok {
		return errors.New("playback: the player does not run in the terminal (start tuner with --mode terminal)")
	}
	at.Attach(player.Terminal{In: in, Out: out, Err: errOut})
	err := m.Play(ctx, ch)
	at.Attach(player.Terminal{}) // used once: no later Play may draw on it
	if err != nil {
		m.player.Stop(context.WithoutCancel(ctx))
		return err
	}
	m.stateMu.Lock()
	pb := m.cur
	m.stateMu.Unlock()
	// Close ends pb too.
	if pb != nil {
		select {
		case <-pb.done:
		case <-ctx.Done():
		}
	}
	bg := context.WithoutCancel(ctx)
	err = m.Stop(bg)
	// The terminal goes back to its owner only once the player has left it.
	return errors.Join(err, m.player.Stop(bg))
}
