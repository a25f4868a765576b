package sim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// hlsWindow is how many segments a media playlist lists.
const hlsWindow = 5

// hlsSession is one HLS viewer: a slot held while requests keep coming. Panels
// cannot see an HLS player stop, so the slot lingers for HLSGrace after the
// last request.
type hlsSession struct {
	c        *conn
	key      string // username, client host and stream: a returning player reuses its session
	token    string
	lastSeen time.Time
}

// openHLS answers /live/U/P/ID.m3u8 with a master playlist naming one variant
// under /hls/TOKEN/, opening a session (and taking a slot) unless this client
// already has one for the stream.
func (s *Server) openHLS(w http.ResponseWriter, r *http.Request, id int) {
	s.mu.Lock()
	key := s.cfg.Username + "|" + remoteHost(r) + "|" + strconv.Itoa(id)
	s.expireLocked()
	h := s.liveSessionLocked(key)
	if h == nil {
		c, ok := s.acquireLocked(KindHLS, id, r.RemoteAddr, nil)
		if !ok {
			rej := s.rejection(r, KindHLS, RejectLimit, http.StatusUnauthorized)
			rej.StreamID = id
			s.rejectLocked(rej)
			s.mu.Unlock()
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		h = &hlsSession{c: c, key: key, token: newToken()}
		s.sessions[h.token] = h
	}
	s.touchLocked(h)
	delay := s.cfg.Faults.FirstByteDelay
	s.mu.Unlock()
	if !sleepCtx(r.Context(), delay) {
		return
	}
	w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	fmt.Fprintf(w, "#EXTM3U\n#EXT-X-VERSION:3\n")
	fmt.Fprintf(w, "#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=%d,RESOLUTION=320x180,CODECS=\"avc1.42c00c,mp4a.40.2\"\n",
		int(math.Ceil(s.clip.ByteRate()*8/1000))*1000)
	fmt.Fprintf(w, "%s/hls/%s/index.m3u8\n", baseURL(r), h.token)
}

func (s *Server) liveSessionLocked(key string) *hlsSession {
	for _, h := range s.sessions {
		if h.key == key && h.c.Active() {
			return h
		}
	}
	return nil
}

func (s *Server) touchLocked(h *hlsSession) {
	h.lastSeen = s.now()
	h.c.Requests++
}

// handleHLS serves a session's media playlist and segments.
func (s *Server) handleHLS(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.expireLocked()
	h := s.sessions[r.PathValue("token")]
	var rej Rejection
	switch {
	case h == nil:
		rej = s.rejection(r, KindHLS, RejectNotFound, http.StatusNotFound)
	case s.cfg.Faults.Status5xx != 0:
		rej = s.rejection(r, KindHLS, RejectFault, s.cfg.Faults.Status5xx)
	case s.statusLocked() != Active:
		rej = s.rejection(r, KindHLS, RejectStatus, http.StatusForbidden)
	case !h.c.Active():
		rej = s.rejection(r, KindHLS, RejectSessionEnded, http.StatusUnauthorized)
	default:
		s.touchLocked(h)
	}
	if h != nil {
		rej.StreamID = h.c.StreamID
	}
	if rej.Status != 0 {
		s.rejectLocked(rej)
		s.mu.Unlock()
		w.WriteHeader(rej.Status)
		return
	}
	s.mu.Unlock()

	file := r.PathValue("file")
	if file == "index.m3u8" {
		s.writeMediaPlaylist(w, r, h.token)
		return
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(file, ".ts"), 10, 64)
	if err != nil || n < 0 || n > s.liveSequence()+1 {
		http.NotFound(w, r)
		return
	}
	body := s.segmentBytes(n)
	s.mu.Lock()
	h.c.Bytes += int64(len(body))
	s.mu.Unlock()
	w.Header().Set("Content-Type", "video/mp2t")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// liveSequence is the number of the segment being "recorded" now; the ones
// before it are complete. It runs on real time, like stream pacing.
func (s *Server) liveSequence() int64 {
	s.mu.Lock()
	epoch := s.epoch
	s.mu.Unlock()
	per := s.clip.Duration() / time.Duration(len(s.clip.segments))
	return int64(time.Since(epoch) / per)
}

func (s *Server) writeMediaPlaylist(w http.ResponseWriter, r *http.Request, token string) {
	last := s.liveSequence() - 1
	first := max(0, last-hlsWindow+1)
	segs := s.clip.segments
	target := 0.0
	for _, sg := range segs {
		target = max(target, sg.seconds)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:%d\n#EXT-X-MEDIA-SEQUENCE:%d\n",
		int(math.Ceil(target)), first)
	for n := first; n <= last; n++ {
		fmt.Fprintf(&b, "#EXTINF:%.3f,\n%s/hls/%s/%d.ts\n", segs[n%int64(len(segs))].seconds, baseURL(r), token, n)
	}
	w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(b.String()))
}

// segmentBytes is media segment n: clip segment n mod K of loop n / K, with
// timestamps and continuity counters carried on from the segments before it.
func (s *Server) segmentBytes(n int64) []byte {
	k := int64(len(s.clip.segments))
	sg := s.clip.segments[n%k]
	loop := n / k
	out := make([]byte, (sg.end-sg.first)*tsPacket)
	for i := sg.first; i < sg.end; i++ {
		off := (i - sg.first) * tsPacket
		s.clip.packet(out[off:off+tsPacket], loop, i)
	}
	return out
}

func newToken() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
