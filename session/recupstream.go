package session

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
	"github.com/tuner-iptv/tuner/session/record"
)

// upstream opens a recording's connections through the gate, one at a time,
// as playback opens its own: the password filled in only as the request
// leaves, the channel's headers, the gate's redirect policy. The recorder
// reads the gate's URL like a player would, so HLS is rewritten and each
// segment fetched by the gate too.
type upstream struct {
	m     *Manager
	g     *gate.Gate
	ch    playlist.Channel
	acct  Account
	until time.Time // the recording's end: a live HLS stream ends itself there

	once   sync.Once
	client *http.Client // to the gate on 127.0.0.1 only
	// start ends when Stop or Close call off the recording's first open,
	// so they need not wait for a slow provider; nil after it.
	start context.Context

	mu      sync.Mutex
	cur     *gate.Stream
	stopped bool
}

// ErrRecordingStopped is Record's error when Stop, Close or a signal came
// before the provider had answered: the person's stop, not a failure.
var ErrRecordingStopped = errors.New("the recording was stopped")

func (u *upstream) open(ctx context.Context) (io.ReadCloser, error) {
	u.once.Do(func() {
		u.client = &http.Client{Transport: &http.Transport{Proxy: nil, DisableCompression: true}}
	})
	// Opens are one at a time (the first in Record, the rest in the
	// recorder's goroutine, started after it), so start needs no lock.
	start := u.start
	u.start = nil
	if start == nil {
		start = context.Background()
	}
	octx, cancel := context.WithTimeout(ctx, u.m.opts.StartTimeout)
	defer cancel()
	defer context.AfterFunc(start, cancel)()
	s, err := u.g.Open(octx, gate.Request{URL: u.acct.RequestURL(u.ch.URL),
		Header: requestHeader(u.ch, u.acct.UserAgent), Log: u.m.log})
	if start.Err() != nil {
		err = ErrRecordingStopped
	}
	if err != nil {
		if s != nil {
			s.Stop()
		}
		return nil, err
	}
	if !u.set(s) {
		s.Stop()
		return nil, ErrRecordingStopped
	}
	defer context.AfterFunc(start, s.Stop)()
	body, err := record.Media(ctx, u.client, s.URL(), u.until)
	if err == nil && start.Err() != nil {
		body.Close()
		err = ErrRecordingStopped
	}
	if err != nil {
		if start.Err() == nil {
			err = streamErr(s, err)
		} else {
			err = ErrRecordingStopped
		}
		s.Stop()
		return nil, err
	}
	return &streamBody{ReadCloser: body, s: s}, nil
}

// set makes s the stream under way, unless the recording was stopped.
func (u *upstream) set(s *gate.Stream) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.stopped {
		return false
	}
	u.cur = s
	return true
}

// stop hangs up whatever is open and opens nothing more.
func (u *upstream) stop() {
	u.mu.Lock()
	s := u.cur
	u.stopped, u.cur = true, nil
	u.mu.Unlock()
	if s != nil {
		s.Stop()
	}
	if u.client != nil {
		u.client.CloseIdleConnections()
	}
}

// streamBody is one connection's media; closing it hangs the provider up
// at once, before the next connection may open.
type streamBody struct {
	io.ReadCloser
	s *gate.Stream
}

func (b *streamBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		err = streamErr(b.s, err)
	}
	return n, err
}

// MediaTimed passes on whether the media ends itself (record.MediaTimed).
func (b *streamBody) MediaTimed() bool {
	mt, ok := b.ReadCloser.(record.MediaTimed)
	return ok && mt.MediaTimed()
}

func (b *streamBody) Close() error {
	err := b.ReadCloser.Close()
	b.s.Stop()
	return err
}

// streamErr is why the gate's stream ended as the gate saw it: the
// provider's refusal, or the cut, rather than what reading the gate said.
func streamErr(s *gate.Stream, err error) error {
	select {
	case <-s.Done():
	default:
		if errors.Is(err, io.EOF) {
			return cutError{gate.ErrUpstreamClosed}
		}
		return err
	}
	_, ref, endErr := s.Ended()
	switch {
	case ref != nil:
		return &RefusedError{Refusal: ref}
	case endErr != nil:
		return cutError{endErr}
	case errors.Is(err, io.EOF):
		return cutError{gate.ErrUpstreamClosed}
	}
	return err
}
