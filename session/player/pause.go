package player

import (
	"context"
	"errors"
)

// Pauser is a player that can be told to pause and go on: mpv, through its
// IPC. What it reads from the gate waits meanwhile; a recording it watches
// goes on being written.
type Pauser interface {
	SetPause(ctx context.Context, paused bool) error
}

// SetPause sets mpv's pause property; Status().Paused follows once mpv
// reports the change.
func (m *mpv) SetPause(ctx context.Context, paused bool) error {
	if !m.alive() {
		return errors.New("nothing is playing to pause")
	}
	_, err := m.command(ctx, "set_property", "pause", paused)
	return err
}
