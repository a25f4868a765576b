package session

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/player"
)

// seekable reports whether a kind is a file with a position: the player can
// start it anywhere and move in it.
func seekable(k playlist.Kind) bool {
	switch k {
	case playlist.KindMovie, playlist.KindEpisode, playlist.KindReplay, playlist.KindRecording:
		return true
	}
	return false
}

// resumable reports whether tuner keeps where a kind was left.
func resumable(k playlist.Kind) bool {
	return k == playlist.KindMovie || k == playlist.KindEpisode
}

// sample is where the player stands in the playback's file, read now while
// the player still shows it, else the last value read: a player that closed
// or moved on says nothing about this file any more.
func (pb *playback) sample() (pos, length time.Duration) {
	if !seekable(pb.kind) {
		return 0, 0
	}
	pb.posMu.Lock()
	defer pb.posMu.Unlock()
	if pb.m.player.Gen() == pb.gen {
		if st := pb.m.player.Status(); st.Position > 0 {
			pb.pos, pb.length = st.Position, st.Length
		}
	}
	return pb.pos, pb.length
}

// keepPosition records where a movie or an episode was left. Nothing is
// recorded for what never played to a position: a start that failed must
// not wipe the place a person would resume from.
func (pb *playback) keepPosition(pos, length time.Duration) {
	ps := pb.m.opts.Positions
	if ps == nil || !resumable(pb.kind) || pos <= 0 {
		return
	}
	if err := ps.SetPosition(pb.ch, pos, length); err != nil {
		pb.m.log.Warn("position not kept", "channel", pb.ch.Name, "err", err)
		return
	}
	pb.m.log.Debug("position kept", "channel", pb.ch.Name, "pos", pos.String(), "length", length.String())
}

// PlayAt is Play starting at the position at from the start of a movie, an
// episode or a replay. A player that cannot start at a position (only mpv
// can, through its IPC) is an error before anything stops.
func (m *Manager) PlayAt(ctx context.Context, ch playlist.Channel, at time.Duration) error {
	if at > 0 {
		if err := m.canSeek(ch); err != nil {
			return err
		}
	}
	m.cancelReconnect()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.playLocked(ctx, ch, 0, max(at, 0))
}

// Seek moves by the duration in what plays, back when negative.
func (m *Manager) Seek(ctx context.Context, by time.Duration) error {
	pb := m.playing()
	if pb == nil {
		return errors.New("nothing is playing to seek in")
	}
	if err := m.canSeek(pb.ch); err != nil {
		return err
	}
	return m.player.(player.Seeker).Seek(ctx, by)
}

// canSeek says why the player cannot start ch at a position or move in it.
func (m *Manager) canSeek(ch playlist.Channel) error {
	if !seekable(ch.Kind()) {
		return fmt.Errorf("%s is live TV: there is no position to move to", ch.Name)
	}
	if _, ok := m.player.(player.Seeker); !ok {
		if m.opts.PlayerOptions.Terminal {
			return errors.New("mpv in the terminal cannot be told where to play; seek with its own keys, or watch in a window to resume")
		}
		return fmt.Errorf("%s cannot be told where to play; choose mpv (--player mpv) to resume and seek", m.player.Name())
	}
	return nil
}

// playFile hands the player its URL, at the position when one was asked for.
func (m *Manager) playFile(ctx context.Context, target, title string, at time.Duration) error {
	if s, ok := m.player.(player.Seeker); ok && at > 0 {
		return s.PlayAt(ctx, target, title, at)
	}
	return m.player.Play(ctx, target, title)
}

// leaseNames are the lease's Kind and Title: empty for live TV, whose
// channel name says it all.
func leaseNames(ch playlist.Channel) (kind, title string) {
	k := ch.Kind()
	if k == playlist.KindLive {
		return "", ""
	}
	title = ch.Name
	if it := ch.ItemInfo(); it != nil && it.Title != "" {
		title = it.Title
	}
	return k.String(), title
}
