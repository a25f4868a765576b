// Package gate is tuner's stream gate: an HTTP server on 127.0.0.1 that the
// player is pointed at. The gate opens the provider's request itself, with the
// channel's own headers, so it sees the exact answer when the provider says no
// (a player often reports only "Failed to open"), and it can close the
// provider's connection the moment playback stops, whatever the player does.
//
// Gate URLs carry an opaque token; the provider's URL and the password never
// reach the player.
package gate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Gate serves every stream tuner plays. One Gate lives as long as tuner.
type Gate struct {
	ln  net.Listener
	srv *http.Server

	mu      sync.Mutex
	streams map[string]*Stream // by token
	files   map[string]*FileStream
	closed  bool

	// live is the stream the live URL serves (see live.go); liveChanged
	// closes when it changes; liveViewers counts clients reading that URL.
	liveToken   string
	live        *Stream
	liveChanged chan struct{}
	liveViewers int
	liveEnds    int // EndLive calls

	// peerUID names the user of a client connection (see peer.go).
	peerUID func(client, gate string) (uid int, ok bool)
}

// New starts a gate on 127.0.0.1 at a free port.
func New() (*Gate, error) { return NewOnPort(0) }

// NewOnPort starts a gate on 127.0.0.1 at port (0 picks a free one). A fixed
// port keeps an `ssh -L PORT:127.0.0.1:PORT` forward valid from run to run.
// The gate never listens beyond loopback.
func NewOnPort(port int) (*Gate, error) { return NewWithLimits(port, Limits{}) }

// NewWithLimits starts a gate as NewOnPort does, with the given limits on
// its clients (a zero field keeps its default).
func NewWithLimits(port int, lim Limits) (*Gate, error) { return start(port, lim, peerUID) }

func start(port int, lim Limits, peer func(client, gate string) (int, bool)) (*Gate, error) {
	lim = lim.withDefaults()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("stream gate: listen on %s: %w", addr, err)
	}
	g := &Gate{ln: ln, streams: map[string]*Stream{}, peerUID: peer,
		liveToken: newToken(), liveChanged: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /s/{token}/{id}/{name}", g.serve)
	mux.HandleFunc("GET /live/{token}/{name}", g.serveLive)
	mux.HandleFunc("GET /f/{token}/{name}", g.serveFile)
	g.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: lim.HeaderTimeout,
		IdleTimeout:       lim.IdleTimeout,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = g.srv.Serve(limitConns(ln, lim.MaxConns)) }()
	return g, nil
}

// Addr is the gate's address, e.g. "127.0.0.1:41234".
func (g *Gate) Addr() string { return g.ln.Addr().String() }

// Close stops every stream (closing its provider connections) and the server.
func (g *Gate) Close() error {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return nil
	}
	g.closed = true
	streams := make([]*Stream, 0, len(g.streams))
	for _, s := range g.streams {
		streams = append(streams, s)
	}
	files := make([]*FileStream, 0, len(g.files))
	for _, f := range g.files {
		files = append(files, f)
	}
	g.mu.Unlock()
	for _, s := range streams {
		s.Stop()
	}
	for _, f := range files {
		f.Stop()
	}
	return g.srv.Close()
}

// Request is what to open upstream.
type Request struct {
	URL    string
	Header http.Header // the channel's headers and the source's user agent
	// Lazy leaves the provider alone until a client asks for the stream, so
	// no slot is taken while nobody watches (a player on another computer
	// that has not connected yet). A refusal then ends the stream instead of
	// failing Open.
	Lazy bool
	// OneClient serves the stream to one client at a time: while one reads
	// the media stream, another is answered 409 without a provider request,
	// and the provider never sees more than one connection per host.
	OneClient bool
	// Live makes the stream the one the gate's live URL serves, in place of
	// the one before: a player kept on that URL follows every zap.
	Live bool
	// File is a movie or an episode: a file the player reads with Range
	// requests, each seek a new one. The provider ending a response is the
	// range delivered, not the stream closed; the player says when the
	// file is over.
	File bool
	// Log hears, at debug level, when a redirect leaves the channel's headers
	// behind; nil discards.
	Log *slog.Logger
}

// Open opens the provider's stream and returns it ready for the player: the
// first response is held until the player asks for Stream.URL. When the
// provider refuses, Open returns a *RefusedError and keeps no connection.
// A Lazy request opens nothing until the player asks.
func (g *Gate) Open(ctx context.Context, req Request) (*Stream, error) {
	s, err := g.newStream(req)
	if err != nil {
		return nil, err
	}
	if !req.Lazy {
		if err := s.open(ctx); err != nil {
			s.Stop()
			g.forget(s)
			return nil, err
		}
	}
	if req.Live {
		// Only now: a live viewer that found the stream before its first
		// answer was held would fetch it itself, a second connection.
		g.publishLive(s)
	}
	return s, nil
}

func (g *Gate) publishLive(s *Stream) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.streams[s.token] == s {
		g.setLiveLocked(s)
	}
}

func (g *Gate) newStream(req Request) (*Stream, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil, errors.New("stream gate: closed")
	}
	s := newStream(g, req)
	g.streams[s.token] = s
	return s, nil
}

func (g *Gate) forget(s *Stream) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.streams, s.token)
	if g.live == s {
		g.setLiveLocked(nil)
	}
}

func (g *Gate) lookup(token string) *Stream {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.streams[token]
}

// serve answers the player. id 0 is the stream itself; other ids are URIs
// found in HLS playlists.
func (g *Gate) serve(w http.ResponseWriter, r *http.Request) {
	if g.stranger(r.RemoteAddr) {
		// Another user read the URL (a player's arguments are public): it
		// may neither watch nor disturb the stream.
		http.Error(w, "not your stream", http.StatusForbidden)
		return
	}
	s := g.lookup(r.PathValue("token"))
	if s == nil {
		http.Error(w, "unknown stream", http.StatusNotFound)
		return
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "unknown part", http.StatusNotFound)
		return
	}
	s.serve(w, r, id)
}

func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// partName is the last element of a gate URL: only the upstream file's
// extension, which players use as a format hint and which carries no secret.
func partName(upstream string) string {
	if i := strings.IndexAny(upstream, "?#"); i >= 0 {
		upstream = upstream[:i]
	}
	ext := ""
	if i := strings.LastIndexByte(upstream, '.'); i > strings.LastIndexByte(upstream, '/') {
		ext = upstream[i:]
	}
	if len(ext) > 8 || strings.ContainsAny(ext, "/%") {
		ext = ""
	}
	return "media" + ext
}
