package gate

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// The live URL is one address per gate that serves whichever stream was
// opened last with Request.Live. A player on another computer keeps it
// while the person zaps on the server, instead of being handed a new URL
// for every channel.
//
// A TS client stays connected across a zap: when its stream stops, the
// same response carries on with the next channel's bytes. MPEG-TS is a
// sequence of self-contained packets, and a player reading live TS (mpv
// through ffmpeg) picks up the new programme's tables and timestamps as it
// meets them, so the picture follows without the player re-opening. A zap
// to or from an HLS channel cannot be spliced into one body: the response
// ends there and the player's re-open gets the new channel at the same URL.

// liveGap is how long the live URL waits for the next channel after the
// one it served stopped: a zap opens it within moments, a stop never.
const liveGap = 5 * time.Second

// hlsViewerIdle is how long after its last request an HLS player still
// counts as watching: players reload a live playlist every few seconds.
const hlsViewerIdle = 15 * time.Second

// LiveURL is the gate's live URL, named for a TS stream or, with hls, an HLS
// playlist. Both names serve whatever plays; the name is a hint for players.
func (g *Gate) LiveURL(hls bool) string {
	name := "live.ts"
	if hls {
		name = "live.m3u8"
	}
	return "http://" + g.Addr() + "/live/" + g.liveToken + "/" + name
}

// LiveURL is the gate's live URL when s is its live stream, named by the
// upstream's kind as the stream's own URL is; "" for other streams.
func (s *Stream) LiveURL() string {
	if !s.req.Live {
		return ""
	}
	return s.g.LiveURL(strings.HasSuffix(partName(s.req.URL), ".m3u8"))
}

// Viewer reports whether a player is watching s: one reads its media
// stream, reads the live URL while s is live, or asked for its HLS
// playlist or segments lately.
func (s *Stream) Viewer() bool {
	if s.req.Live && s.g.liveViewing() {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reader != nil || (s.hls && !s.servedAt.IsZero() && time.Since(s.servedAt) < hlsViewerIdle)
}

func (g *Gate) liveViewing() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.liveViewers > 0
}

// setLiveLocked makes s the live stream; callers hold g.mu.
func (g *Gate) setLiveLocked(s *Stream) {
	g.live = s
	close(g.liveChanged)
	g.liveChanged = make(chan struct{})
}

// EndLive ends the live URL's responses now instead of after liveGap: the
// live stream was stopped, and no zap follows.
func (g *Gate) EndLive() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.liveEnds++
	g.setLiveLocked(nil)
}

// endsSoFar counts EndLive calls, for nextLive to see the ones after.
func (g *Gate) endsSoFar() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.liveEnds
}

// nextLive waits up to wait for a live stream other than after, unless
// EndLive was called since it had been called ends times.
func (g *Gate) nextLive(ctx context.Context, after *Stream, wait time.Duration, ends int) *Stream {
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		g.mu.Lock()
		s, changed, ended := g.live, g.liveChanged, g.liveEnds != ends
		g.mu.Unlock()
		if ended {
			return nil
		}
		if s != nil && s != after {
			return s
		}
		select {
		case <-changed:
		case <-t.C:
			return nil
		case <-ctx.Done():
			return nil
		}
	}
}

func (g *Gate) viewing(d int) {
	g.mu.Lock()
	g.liveViewers += d
	g.mu.Unlock()
}

// serveLive answers the live URL with the live stream, and for a TS client
// carries on with the next live stream when a zap stopped the one it read.
func (g *Gate) serveLive(w http.ResponseWriter, r *http.Request) {
	if g.stranger(r.RemoteAddr) {
		http.Error(w, "not your stream", http.StatusForbidden)
		return
	}
	if name := r.PathValue("name"); r.PathValue("token") != g.liveToken || (name != "live.ts" && name != "live.m3u8") {
		http.Error(w, "unknown stream", http.StatusNotFound)
		return
	}
	// Counted before the first stream is served, so an EndLive that comes
	// while it ends is not missed.
	ends := g.endsSoFar()
	s := g.nextLive(r.Context(), nil, liveGap, ends)
	if s == nil {
		http.Error(w, "nothing plays", http.StatusNotFound)
		return
	}
	g.viewing(1)
	defer g.viewing(-1)
	lw := &liveWriter{w: w}
	for {
		s.serve(lw.round(), r, 0)
		if r.Context().Err() != nil || !s.stopped() || !lw.streaming() {
			return
		}
		if s = g.nextLive(r.Context(), s, liveGap, ends); s == nil || s.looksHLS() {
			return
		}
		// The player asked for the start of the first channel; the next one
		// starts where it stands, and must not be taken for a seek.
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
}

// looksHLS reports whether the stream is, or by its URL will be, HLS.
func (s *Stream) looksHLS() bool {
	return s.HLS() || strings.HasSuffix(partName(s.req.URL), ".m3u8")
}

var errNotMedia = errors.New("the next channel is not a media stream")

// liveWriter sends several streams' answers as one response: the first
// answer's status and headers go out, and each later answer must be media
// too, or the response ends.
type liveWriter struct {
	w      http.ResponseWriter
	h      http.Header // the current answer's headers
	sent   bool        // the response's header went out
	media  bool        // it is a media stream that later answers may continue
	broken bool        // a later answer was not media: writes fail
}

// round prepares for the next stream's answer.
func (lw *liveWriter) round() http.ResponseWriter {
	lw.h = http.Header{}
	return lw
}

func (lw *liveWriter) streaming() bool { return lw.media && !lw.broken }

func (lw *liveWriter) Header() http.Header { return lw.h }

func (lw *liveWriter) WriteHeader(code int) {
	isMedia := code/100 == 2 && !strings.Contains(strings.ToLower(lw.h.Get("Content-Type")), "mpegurl")
	if lw.sent {
		lw.broken = lw.broken || !isMedia || !lw.media
		return
	}
	lw.sent, lw.media = true, isMedia
	for k, v := range lw.h {
		lw.w.Header()[k] = v
	}
	if isMedia {
		// The body runs on past one stream's length, and the live URL has
		// no place to seek to.
		for _, h := range []string{"Content-Length", "Content-Range", "Accept-Ranges"} {
			lw.w.Header().Del(h)
		}
		code = http.StatusOK
	}
	lw.w.WriteHeader(code)
}

func (lw *liveWriter) Write(b []byte) (int, error) {
	if !lw.sent {
		lw.WriteHeader(http.StatusOK)
	}
	if lw.broken {
		return 0, errNotMedia
	}
	return lw.w.Write(b)
}

// Flush keeps live video flowing through the wrapper (see pipe).
func (lw *liveWriter) Flush() {
	if f, ok := lw.w.(http.Flusher); ok {
		f.Flush()
	}
}
