package gate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/internal/httpc"
)

// Stream is one channel played through the gate. Its provider connections
// belong to it alone, so Stop can close them at once.
type Stream struct {
	g      *Gate
	token  string
	req    Request
	client *http.Client
	tr     *http.Transport
	ctx    context.Context
	cancel context.CancelFunc

	firstByte chan struct{} // closed when media bytes first reach the player
	done      chan struct{} // closed when the stream ends for good

	mu        sync.Mutex
	conns     map[*trackedConn]struct{}
	held      *http.Response // the first answer, kept for the player's first request
	playlist  []byte         // the first HLS playlist, rewritten, for the same reason
	hls       bool
	parts     parts
	firstAt   time.Time
	lastAt    time.Time // when media bytes last reached the player
	servedAt  time.Time // the last request a player made
	stoppedAt time.Time
	endedAt   time.Time
	refusal   *Refusal
	endErr    error
	ended     bool
	reader    *reader // the client the media stream is sent to, if one reads it
}

func newStream(g *Gate, req Request) *Stream {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Stream{
		g: g, token: newToken(), req: req, ctx: ctx, cancel: cancel,
		firstByte: make(chan struct{}), done: make(chan struct{}),
		conns: map[*trackedConn]struct{}{}, parts: newParts(),
	}
	opt := httpc.Options{
		ConnectTimeout: 15 * time.Second,
		HeaderTimeout:  30 * time.Second,
		Dial: func(ctx context.Context, d *net.Dialer, network, addr string) (net.Conn, error) {
			return s.dialer(d)(ctx, network, addr)
		},
		Log: req.Log,
	}
	if req.OneClient {
		// Requests queue for the one connection instead of opening another.
		opt.MaxConnsPerHost = 1
	}
	s.client = httpc.New(opt)
	s.tr = s.client.Transport.(*http.Transport)
	return s
}

// dialer tracks every connection to the provider so Stop can close them
// itself instead of trusting the transport to do so later.
func (s *Stream) dialer(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.stoppedAt.IsZero() {
			tc := &trackedConn{Conn: c, s: s}
			s.conns[tc] = struct{}{}
			return tc, nil
		}
		c.Close()
		return nil, errors.New("stream stopped")
	}
}

type trackedConn struct {
	net.Conn
	s    *Stream
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		delete(c.s.conns, c)
		c.s.mu.Unlock()
	})
	return c.Conn.Close()
}

// URL is the gate URL to give the player.
func (s *Stream) URL() string {
	name := partName(s.req.URL)
	if s.HLS() && !strings.HasSuffix(name, ".m3u8") {
		name = "media.m3u8"
	}
	return "http://" + s.g.Addr() + "/s/" + s.token + "/0/" + name
}

// HLS reports whether the provider answered with an HLS playlist.
func (s *Stream) HLS() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hls
}

// FirstByte is closed when the first media bytes from the provider reach the
// player (for HLS, the first segment's).
func (s *Stream) FirstByte() <-chan struct{} { return s.firstByte }

// FirstByteAt is when FirstByte closed; zero before.
func (s *Stream) FirstByteAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.firstAt
}

// LastByteAt is when media bytes from the provider last reached the player;
// zero before the first. A stream whose provider stalls shows it here.
func (s *Stream) LastByteAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastAt
}

// Done is closed when the stream has ended for good: Stop was called, the
// provider closed the stream, or refused a part of it (see Refusal).
func (s *Stream) Done() <-chan struct{} { return s.done }

// Ended reports how the stream ended: when, the provider's refusal if there
// was one, and the error that ended it (nil after Stop).
func (s *Stream) Ended() (at time.Time, refusal *Refusal, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endedAt, s.refusal, s.endErr
}

// StoppedAt is when Stop closed the provider connections; zero before.
func (s *Stream) StoppedAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stoppedAt
}

// Upstream is the number of open connections to the provider.
func (s *Stream) Upstream() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Stop closes every connection to the provider now and refuses the player
// from then on, so nothing the player does can open the slot again. It
// returns once the sockets are closed; calling it again does nothing.
func (s *Stream) Stop() {
	s.mu.Lock()
	if !s.stoppedAt.IsZero() {
		s.mu.Unlock()
		return
	}
	s.stoppedAt = time.Now()
	held := s.held
	s.held = nil
	conns := make([]*trackedConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()

	s.cancel()
	if held != nil {
		held.Body.Close()
	}
	for _, c := range conns {
		c.Close()
	}
	s.tr.CloseIdleConnections()
	s.end(nil, nil)
	s.g.forget(s)
}

// end marks the stream finished once, with the refusal or error that ended it.
func (s *Stream) end(ref *Refusal, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return
	}
	s.ended, s.endedAt, s.refusal, s.endErr = true, time.Now(), ref, err
	close(s.done)
}

func (s *Stream) stopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.stoppedAt.IsZero()
}

// open makes the first request. An HLS playlist is read and rewritten now; a
// media stream's response is held for the player.
func (s *Stream) open(ctx context.Context) error {
	resp, ref := s.fetch(context.Background(), ctx, s.req.URL, "stream", nil)
	if ref != nil {
		return &RefusedError{Refusal: ref}
	}
	if isPage(resp) {
		resp.Body.Close()
		return &PageError{ContentType: resp.Header.Get("Content-Type")}
	}
	if !isPlaylist(resp, s.req.URL) {
		s.mu.Lock()
		s.held = resp
		s.mu.Unlock()
		time.AfterFunc(heldFor, s.dropHeld)
		return nil
	}
	body, ref := s.readPlaylist(resp, s.req.URL)
	if ref != nil {
		return &RefusedError{Refusal: ref}
	}
	s.mu.Lock()
	s.hls, s.playlist = true, body
	s.mu.Unlock()
	return nil
}

// heldFor is how long the first answer waits for the player before the gate
// lets the provider's connection go.
const heldFor = 30 * time.Second

func (s *Stream) dropHeld() {
	s.mu.Lock()
	held := s.held
	s.held = nil
	s.mu.Unlock()
	if held != nil {
		held.Body.Close()
	}
}

// fetch makes one upstream request that lives until life ends or the stream
// stops; opening additionally gives up when wait ends before the answer's
// headers arrive. A refusal (an HTTP error or no answer) comes back as a
// Refusal with the body excerpt read and the body closed.
func (s *Stream) fetch(life, wait context.Context, target, resource string, from *http.Request) (*http.Response, *Refusal) {
	ctx, cancel := context.WithCancel(life)
	unlink := context.AfterFunc(s.ctx, cancel)
	stop := func() { unlink(); cancel() }
	if wait != nil {
		undo := context.AfterFunc(wait, cancel)
		defer undo()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		stop()
		return nil, refusalFromError(fmt.Errorf("bad stream URL: %w", err), target, resource)
	}
	for k, v := range s.req.Header {
		req.Header[k] = v
	}
	conn := &connRef{}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), conn.trace()))
	if from != nil {
		if rg := from.Header.Get("Range"); rg != "" {
			req.Header.Set("Range", rg)
		}
	}
	resp, err := s.client.Do(req)
	if err != nil {
		stop()
		if wait != nil && wait.Err() != nil {
			err = wait.Err()
		}
		return nil, refusalFromError(err, target, resource)
	}
	if resp.StatusCode >= 400 {
		ref := refusalFromResponse(resp, target, resource)
		resp.Body.Close()
		stop()
		return nil, ref
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, stop: stop, conn: conn}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	stop context.CancelFunc
	conn *connRef // the provider connection the answer came on
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.stop()
	return err
}

// maxPlaylist bounds an HLS playlist read into memory.
const maxPlaylist = 4 << 20

// readPlaylist reads and rewrites a playlist, resolving its URIs against the
// URL it finally came from (after redirects).
func (s *Stream) readPlaylist(resp *http.Response, target string) ([]byte, *Refusal) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPlaylist))
	if err != nil {
		return nil, refusalFromError(err, target, "playlist")
	}
	base := resp.Request.URL
	out, err := rewritePlaylist(body, base, s.partURL)
	if err != nil {
		return nil, refusalFromError(err, target, "playlist")
	}
	return out, nil
}

// partURL registers an upstream URI and returns its gate URL.
func (s *Stream) partURL(abs *url.URL, kind string) string {
	u := abs.String()
	s.mu.Lock()
	id := s.parts.add(u, kind)
	s.mu.Unlock()
	return fmt.Sprintf("http://%s/s/%s/%d/%s", s.g.Addr(), s.token, id, partName(u))
}

// isPlaylist tells an HLS playlist from a media stream by its content type,
// or, when the provider sends a generic one, by the URL.
func isPlaylist(resp *http.Response, target string) bool {
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if strings.Contains(ct, "mpegurl") {
		return true
	}
	if strings.HasPrefix(ct, "video/") || strings.HasPrefix(ct, "audio/") {
		return false
	}
	p := resp.Request.URL.Path
	if p == "" {
		p = target
	}
	return strings.HasSuffix(strings.ToLower(p), ".m3u8") || strings.HasSuffix(strings.ToLower(p), ".m3u")
}

// PageError is Open's error for a URL that answers with a web page (a
// YouTube or Twitch channel's page) rather than a stream: only a player
// that reads such pages itself (mpv through yt-dlp) can play it, from the
// URL as it is.
type PageError struct{ ContentType string }

func (e *PageError) Error() string {
	return "the address is a web page (" + e.ContentType + "), not a stream"
}

// isPage reports an answer that is a web page.
func isPage(resp *http.Response) bool {
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "application/xhtml")
}
