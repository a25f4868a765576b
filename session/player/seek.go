package player

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// Seeker is a player that can start a file at a position and move in what
// it plays: mpv, through its IPC. Through the gate every seek is a new
// ranged request, which the gate opens only after it closed the last one.
type Seeker interface {
	// PlayAt is Play, starting at the position at from the start.
	PlayAt(ctx context.Context, url, title string, at time.Duration) error
	// Seek moves by the duration, back when negative.
	Seek(ctx context.Context, by time.Duration) error
}

// ErrNothingToSeek is Seek's error when no file plays.
var ErrNothingToSeek = errors.New("nothing is playing to seek in")

// PlayAt loads url with mpv's per-file start option, so the position does
// not outlive the file: the next channel starts where it should.
func (m *mpv) PlayAt(ctx context.Context, url, title string, at time.Duration) error {
	if at <= 0 {
		return m.Play(ctx, url, title)
	}
	// Named arguments: the positional form of loadfile's options moved in
	// mpv 0.38 (an index came before them), the named form did not.
	load := map[string]any{
		"name": "loadfile", "url": url, "flags": "replace",
		"options": "start=" + strconv.FormatFloat(at.Seconds(), 'f', 3, 64),
	}
	return m.play(ctx, title, load)
}

// Seek moves relative to where mpv stands; the person's own seek keys in
// mpv's window do the same.
func (m *mpv) Seek(ctx context.Context, by time.Duration) error {
	if !m.alive() || m.Status().Idle {
		return ErrNothingToSeek
	}
	_, err := m.command(ctx, "seek", by.Seconds(), "relative")
	return err
}
