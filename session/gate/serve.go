package gate

import (
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
// again (a reconnect, or a live playlist reload) it fetches afresh.
func (s *Stream) serveMain(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	held, pl, hls := s.held, s.playlist, s.hls
	s.held, s.playlist = nil, nil
	s.mu.Unlock()
	switch {
	case pl != nil:
		writePlaylist(w, pl)
	case held != nil:
		s.pipe(w, held, true)
	case hls:
		s.servePart(w, r, s.req.URL, "playlist", true)
	case s.req.OneClient:
		if !s.claim() {
			http.Error(w, "another player is watching this stream", http.StatusConflict)
			return
		}
		defer s.unclaim()
		s.servePart(w, r, s.req.URL, "stream", true)
	default:
		// A media stream holds one provider connection at a time: close the
		// one the player abandoned before opening another.
		s.closeUpstream()
		s.servePart(w, r, s.req.URL, "stream", true)
	}
}

// claim takes the media stream for one client; it fails while another has it.
func (s *Stream) claim() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.serving {
		return false
	}
	s.serving = true
	return true
}

func (s *Stream) unclaim() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serving = false
}

func (s *Stream) servePart(w http.ResponseWriter, r *http.Request, target, kind string, main bool) {
	resp, ref := s.fetch(r.Context(), nil, target, kind, r)
	if ref != nil {
		s.refuse(w, ref)
		return
	}
	if !isPlaylist(resp, target) {
		s.pipe(w, resp, main && kind == "stream")
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
// live video is not held in buffers. live marks the channel's own media
// stream, whose end means the provider closed it.
func (s *Stream) pipe(w http.ResponseWriter, resp *http.Response, live bool) {
	defer resp.Body.Close()
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
		if s.req.OneClient && resp.Request.Context().Err() != nil {
			// The player on the other computer went away, not the provider:
			// keep the stream for its return (a restarted player).
			return
		}
		if live && !s.stopped() {
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

// closeUpstream closes the provider connections without ending the stream.
func (s *Stream) closeUpstream() {
	s.mu.Lock()
	conns := make([]io.Closer, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}
