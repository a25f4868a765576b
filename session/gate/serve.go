package gate

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// ErrUpstreamClosed ends a stream whose provider closed it.
var ErrUpstreamClosed = errors.New("the provider closed the stream")

func (s *Stream) serve(w http.ResponseWriter, r *http.Request, id int) {
	if s.stopped() {
		http.Error(w, "stream stopped", http.StatusGone)
		return
	}
	s.mu.Lock()
	s.servedAt = time.Now()
	s.mu.Unlock()
	if id == 0 {
		s.serveMain(w, r)
		return
	}
	s.mu.Lock()
	p, ok := s.parts.get(id)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "unknown part", http.StatusNotFound)
		return
	}
	s.servePart(w, r, p.url, p.kind, false)
}

// serveMain hands the player what Open already fetched; when the player asks
// again (a reconnect, or a live playlist reload) it fetches afresh. A media
// stream has one client: another request while it reads is refused (409)
// and leaves it alone, save a seek (a Range request), which replaces the
// reading connection the way a player's own seek does.
func (s *Stream) serveMain(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	pl, hls := s.playlist, s.hls
	s.playlist = nil
	s.mu.Unlock()
	switch {
	case pl != nil:
		writePlaylist(w, pl)
	case hls:
		s.servePart(w, r, s.req.URL, "playlist", true)
	default:
		c, ok := s.claim(r)
		if !ok {
			http.Error(w, "another player is watching this stream", http.StatusConflict)
			return
		}
		defer s.unclaim(c)
		r = r.WithContext(c.ctx)
		if held := s.takeHeld(r); held != nil {
			s.pipe(w, held, c)
			return
		}
		if c.seeked && s.req.File && !settle(r) {
			return
		}
		s.servePart(w, r, s.req.URL, "stream", true)
	}
}

// reader is the one client connection a media stream is sent to.
type reader struct {
	parent context.Context // the client's request
	ctx    context.Context // ends with the request, or when a seek replaces it
	cancel context.CancelFunc
	gone   chan struct{} // closed once its handler has returned
	// seeked is set when this request replaced another reader: its
	// provider connection closed a moment ago.
	seeked bool
}

type readerKey struct{}

// readerOf is the reader whose request r is, or nil.
func readerOf(r *http.Request) *reader {
	c, _ := r.Context().Value(readerKey{}).(*reader)
	return c
}

// claimWait is how long a second request waits for the reading one to end
// before it is refused: a player that reconnects closes its old connection
// first, and the gate needs a moment to see that.
const claimWait = 500 * time.Millisecond

// claim makes r the stream's reader. It fails while another reads, unless r
// seeks, which ends the other's request (not the stream) first.
func (s *Stream) claim(r *http.Request) (*reader, bool) {
	seek := r.Header.Get("Range") != ""
	deadline := time.NewTimer(claimWait)
	defer deadline.Stop()
	seeked := false
	for {
		s.mu.Lock()
		cur := s.reader
		if cur == nil {
			c := &reader{parent: r.Context(), gone: make(chan struct{}), seeked: seeked}
			ctx, cancel := context.WithCancel(r.Context())
			c.ctx, c.cancel = context.WithValue(ctx, readerKey{}, c), cancel
			s.reader = c
			s.mu.Unlock()
			return c, true
		}
		s.mu.Unlock()
		if seek {
			cur.cancel()
			seeked = true
		}
		select {
		case <-cur.gone:
		case <-deadline.C:
			return nil, false
		case <-r.Context().Done():
			return nil, false
		}
	}
}

func (s *Stream) unclaim(c *reader) {
	s.mu.Lock()
	if s.reader == c {
		s.reader = nil
	}
	s.mu.Unlock()
	c.cancel()
	close(c.gone)
}

// replaced reports whether c's request was ended by a seek, not by the
// provider or its own client.
func (c *reader) replaced() bool {
	return c != nil && c.ctx.Err() != nil && c.parent.Err() == nil
}

func (s *Stream) servePart(w http.ResponseWriter, r *http.Request, target, kind string, main bool) {
	var c *reader
	if main && kind == "stream" {
		c = readerOf(r)
	}
	resp, ref := s.fetch(r.Context(), nil, target, kind, r)
	if ref != nil && c != nil && s.req.File {
		resp, ref = s.refetchSeek(r, ref)
	}
	if ref != nil {
		if c.replaced() {
			return // a seek took over while this one was opening
		}
		s.refuse(w, ref)
		return
	}
	if !isPlaylist(resp, target) {
		s.pipe(w, resp, c)
		return
	}
	if main {
		// A lazy stream learns only now that it is HLS; its reloads must not
		// be taken for a second client.
		s.mu.Lock()
		s.hls = true
		s.mu.Unlock()
	}
	body, ref := s.readPlaylist(resp, target)
	if ref != nil {
		s.refuse(w, ref)
		return
	}
	writePlaylist(w, body)
}

// refuse ends the stream with the provider's answer and passes its status on,
// so the player stops too.
func (s *Stream) refuse(w http.ResponseWriter, ref *Refusal) {
	if s.stopped() {
		http.Error(w, "stream stopped", http.StatusGone)
		return
	}
	s.end(ref, nil)
	status := ref.Status
	if status == 0 {
		status = http.StatusBadGateway
	}
	http.Error(w, http.StatusText(status), status)
}

func writePlaylist(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// passHeaders are the response headers a player needs; the rest (cookies,
// server names) stay at the gate.
var passHeaders = []string{"Content-Type", "Content-Length", "Content-Range", "Accept-Ranges"}

// pipe streams a provider response to the player, flushing every read so
// live video is not held in buffers. c is the reader of the channel's own
// media stream, whose end means the provider closed it; nil for a part.
func (s *Stream) pipe(w http.ResponseWriter, resp *http.Response, c *reader) {
	defer resp.Body.Close()
	if c != nil {
		// Hang up the provider's connection before the handler returns, so
		// that a seek waiting for this reader to be gone opens its request
		// only after the socket is closed, not when the transport gets to it.
		defer closeConn(resp)
		// The first answer was opened before any client: its body closes
		// when its reader ends, too.
		defer context.AfterFunc(c.ctx, func() { resp.Body.Close() })()
	}
	for _, h := range passHeaders {
		if v := resp.Header.Get(h); v != "" {
			w.Header().Set(h, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	rc := http.NewResponseController(w)
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return // the player went away; closing the body frees the provider's connection
			}
			_ = rc.Flush()
			s.markFirstByte()
		}
		if err == nil {
			continue
		}
		if c.replaced() {
			return // the player seeked: its new request carries the stream on
		}
		if c != nil && s.req.File && errors.Is(err, io.EOF) {
			return // the range is delivered; the player may ask for another
		}
		if c != nil && c.parent.Err() != nil {
			return // the player went away, not the provider, as when a write fails
		}
		if s.req.OneClient && resp.Request.Context().Err() != nil {
			// The player on the other computer went away, not the provider:
			// keep the stream for its return (a restarted player).
			return
		}
		if c != nil && !s.stopped() {
			if errors.Is(err, io.EOF) {
				err = ErrUpstreamClosed
			}
			s.end(nil, maskErr(err))
		}
		return
	}
}

func (s *Stream) markFirstByte() {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastAt = now
	if s.firstAt.IsZero() {
		s.firstAt = now
		close(s.firstByte)
	}
}
