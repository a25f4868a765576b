package session

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

// WatchRecording plays r's file through the gate as it grows, from its
// start, to the player the Manager plays with, so the person can pause and
// rewind what records. It opens no provider connection: the recording's
// is the only one the account sees. Whatever played before is stopped
// first, as Play does; stopping the watching (Stop, a Play, the player
// closing) leaves the recording alone. The playback ends once the
// recording has ended and the player has read the file out.
func (m *Manager) WatchRecording(ctx context.Context, r *Recording) error {
	if r == nil {
		return errors.New("watch: no recording")
	}
	in := r.Info()
	_, err := m.playLocal(ctx, recordingChannel(r.ch, in.Title, in.Started, in.Until), r.acct, r.Path(), r.Ended())
	return err
}

// recordingChannel is what plays when a recording's file does: the
// channel's name, of kind recording (so it can be sought in), with no URL,
// so nothing may open the provider for it.
func recordingChannel(ch playlist.Channel, title string, started, until time.Time) playlist.Channel {
	out := playlist.Channel{Name: ch.Name, Group: ch.Group, Logo: ch.Logo, Source: ch.Source}
	if title == "" {
		title = ch.Name
	}
	out.Extra = &playlist.Extra{Kind: playlist.KindRecording,
		Item: &playlist.Item{Title: title, Aired: started, Until: until}}
	return out
}

// PlayFile plays a recording's file through the gate. A finished one is
// served with its size, so seeks are Range requests; one that another
// tuner (`tuner recorder`) still writes is followed as it grows, until its
// info says it ended or its recorder is gone. Either needs no slot and
// opens no provider connection; whatever played before is stopped first.
func (m *Manager) PlayFile(ctx context.Context, path string) error {
	ended := make(chan struct{})
	end := sync.OnceFunc(func() { close(ended) })
	growing := stillWritten(path)
	if !growing {
		end()
	}
	pb, err := m.playLocal(ctx, fileChannel(path), Account{}, path, ended)
	if err != nil || !growing {
		end()
		return err
	}
	go followInfo(path, pb.done, end)
	return nil
}

// infoEvery is how often the info of a file another tuner records is read
// again while it is watched; the recorder rewrites it every few seconds.
const infoEvery = time.Second

// stillWritten reports whether a live process records into path now.
func stillWritten(path string) bool {
	in, err := record.ReadInfo(record.InfoPath(path))
	return err == nil && in.State == record.Recording && in.Recorder.Alive()
}

// followInfo calls end once the file at path is no longer written, or the
// playback is over (done).
func followInfo(path string, done <-chan struct{}, end func()) {
	defer end()
	t := time.NewTicker(infoEvery)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if !stillWritten(path) {
				return
			}
		}
	}
}

// fileChannel names a recording's file the way the lists do: its name
// without the extension.
func fileChannel(path string) playlist.Channel {
	base := filepath.Base(path)
	if in, err := record.ReadInfo(record.InfoPath(path)); err == nil && in.Channel != "" {
		return recordingChannel(playlist.Channel{Name: in.Channel, Source: in.Source}, in.Title, in.Started, in.Until)
	}
	return recordingChannel(playlist.Channel{Name: strings.TrimSuffix(base, filepath.Ext(base))}, "", time.Time{}, time.Time{})
}

// playLocal plays a local file as a playback that holds no slot.
func (m *Manager) playLocal(ctx context.Context, ch playlist.Channel, acct Account, path string, ended <-chan struct{}) (*playback, error) {
	m.cancelReconnect()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.isClosing() {
		return nil, errors.New("playback: already closed")
	}
	if m.opts.RecordOnly || m.opts.Remote {
		return nil, errors.New("playback: this tuner starts no player of its own")
	}
	if m.PlaysInTerminal() {
		// The terminal would have to be handed over as PlayInTerminal does.
		return nil, errors.New("a recording plays in a window, not with the player in the terminal")
	}
	m.emit(Event{State: Starting, Channel: ch, Message: "starting " + ch.Name + "..."})
	if err := m.stopLocked(ctx, false); err != nil {
		m.log.Warn("stopping the previous channel", "err", err)
	}
	if acct.Provider == "" {
		acct = m.lastAccount() // a file plays on no account: the status keeps the last one
	}
	m.setCurrent(nil, acct)
	pb, err := m.startLocal(ctx, ch, acct, path, ended)
	if err != nil {
		m.player.Stop(context.WithoutCancel(ctx))
		return nil, m.failed(ch, err)
	}
	m.setCurrent(pb, acct)
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	pb.cancel = cancel
	go pb.watch(wctx)
	sctx, cancelStart := context.WithCancel(ctx)
	defer cancelStart()
	m.setStartCancel(cancelStart)
	defer m.setStartCancel(nil)
	if err := pb.waitReady(sctx, m.opts.StartTimeout); err != nil {
		pb.cancel()
		<-pb.watched
		pb.finish(context.WithoutCancel(ctx), lease.Clean, true)
		return nil, m.startFailed(ctx, sctx, ch, err)
	}
	m.emit(Event{State: Playing, Channel: ch, Message: "playing " + ch.Name})
	return pb, nil
}

func (m *Manager) startLocal(ctx context.Context, ch playlist.Channel, acct Account, path string, ended <-chan struct{}) (*playback, error) {
	g, err := m.ensureGate()
	if err != nil {
		return nil, err
	}
	f, err := g.OpenFile(path, ended)
	if err != nil {
		return nil, err
	}
	pb := &playback{m: m, ch: ch, acct: acct, file: f, started: time.Now(), kind: playlist.KindRecording,
		watched: make(chan struct{}), ready: make(chan error, 1), done: make(chan struct{})}
	if err := m.playFile(ctx, f.URL(), ch.Name, 0); err != nil {
		f.Stop()
		return nil, err
	}
	pb.gen = m.player.Gen()
	m.log.Info("playing a recording", "channel", ch.Name, "file", filepath.Base(path))
	return pb, nil
}

// Watching reports whether what plays now is a recording's file, served
// by the gate with no connection of its own.
func (m *Manager) Watching() bool {
	pb := m.playing()
	return pb != nil && pb.file != nil
}

func (m *Manager) lastAccount() Account {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return m.last
}
