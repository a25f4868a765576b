package sim

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// handleLive serves /live/USER/PASS/ID.ts and /live/USER/PASS/ID.m3u8 after the
// checks a panel makes, in a panel's order: rate limit, server fault,
// credentials, account status, stream, slot.
func (s *Server) handleLive(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	kind := KindTS
	idText, ok := strings.CutSuffix(file, ".ts")
	if !ok {
		if idText, ok = strings.CutSuffix(file, ".m3u8"); ok {
			kind = KindHLS
		} else {
			idText = file // panels also serve /live/U/P/ID as TS
		}
	}
	if !s.admit(w, r, kind) {
		return
	}
	id, _ := strconv.Atoi(idText)
	if rej, refused := s.checkStream(r, kind, id); refused {
		s.refuse(w, rej)
		return
	}
	if kind == KindHLS {
		s.openHLS(w, r, id)
		return
	}
	s.serveTS(w, r, id)
}

// checkStream applies the checks before a slot is taken.
func (s *Server) checkStream(r *http.Request, kind Kind, id int) (Rejection, bool) {
	return s.checkPlay(r, kind, id, func() bool { _, ok := s.lineup.byID(id); return ok })
}

// checkPlay applies the checks a panel makes before it serves any file, in
// its order, exists saying whether the id names one.
func (s *Server) checkPlay(r *http.Request, kind Kind, id int, exists func() bool) (Rejection, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	reject := func(why Reason, status int) (Rejection, bool) {
		rej := s.rejection(r, kind, why, status)
		rej.StreamID = id
		return rej, true
	}
	switch {
	case s.cfg.Faults.Status5xx != 0:
		return reject(RejectFault, s.cfg.Faults.Status5xx)
	case r.PathValue("user") != s.cfg.Username || r.PathValue("pass") != s.cfg.Password:
		return reject(RejectCredentials, http.StatusUnauthorized)
	case s.statusLocked() != Active:
		return reject(RejectStatus, http.StatusForbidden)
	case s.cfg.Faults.IPLock != 0:
		return reject(RejectIPLock, s.cfg.Faults.IPLock)
	case !exists():
		return reject(RejectNotFound, http.StatusNotFound)
	}
	return Rejection{}, false
}

// serveTS streams the clip in a loop at real time until the client goes away,
// the connection is cut, or a drop fault fires.
func (s *Server) serveTS(w http.ResponseWriter, r *http.Request, id int) {
	ctx, cut := context.WithCancelCause(r.Context())
	defer cut(nil)
	s.mu.Lock()
	if s.base.Err() != nil {
		// Close is waiting for the running handlers; a new one must not start.
		s.mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	c, ok := s.acquireLocked(KindTS, id, r.RemoteAddr, cut)
	faults := s.cfg.Faults
	if !ok {
		rej := s.rejection(r, KindTS, RejectLimit, http.StatusUnauthorized)
		rej.StreamID = id
		s.rejectLocked(rej)
		s.mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	s.handlers.Add(1)
	s.mu.Unlock()
	defer s.handlers.Done()

	reason := s.pump(ctx, w, c, faults)
	s.finishTS(c, reason)
	if reason != ClosedByClient {
		// Drop the TCP connection instead of ending the response cleanly, so the
		// client sees what a cut looks like.
		panic(http.ErrAbortHandler)
	}
}

// finishTS records the end of a TS response. A client that went away keeps its
// slot for the Linger fault's time (read now, so a test can set it mid-stream).
func (s *Server) finishTS(c *conn, reason CloseReason) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if reason == ClosedByClient && c.Active() {
		c.Disconnected = now
		if linger := s.cfg.Faults.Linger; linger > 0 {
			c.lingerUntil = now.Add(linger)
			s.notifyLocked()
			return
		}
	}
	s.closeLocked(c, reason, now)
}

// pump writes the stream and returns why it stopped.
func (s *Server) pump(ctx context.Context, w http.ResponseWriter, c *conn, f Faults) CloseReason {
	if !sleepCtx(ctx, f.FirstByteDelay) {
		return stopReason(ctx)
	}
	w.Header().Set("Content-Type", "video/mp2t")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.Flush()

	var drop <-chan time.Time
	if f.DropAfter > 0 {
		t := time.NewTimer(f.DropAfter)
		defer t.Stop()
		drop = t.C
	}
	p := newPacer(s.clip)
	buf := make([]byte, p.chunk)
	wait := time.NewTimer(0)
	defer wait.Stop()
	for {
		select {
		case <-ctx.Done():
			return stopReason(ctx)
		case <-drop:
			return ClosedDropped
		case <-wait.C:
		}
		n := len(buf)
		if f.DropAfterBytes > 0 {
			n = min(n, roundPackets(f.DropAfterBytes-p.sent))
		}
		p.fill(buf[:n])
		if _, err := w.Write(buf[:n]); err != nil {
			return ClosedByClient
		}
		if err := rc.Flush(); err != nil {
			return ClosedByClient
		}
		p.sent += int64(n)
		s.mu.Lock()
		c.Bytes = p.sent
		s.mu.Unlock()
		if f.DropAfterBytes > 0 && p.sent >= f.DropAfterBytes {
			return ClosedDropped
		}
		wait.Reset(p.untilNext())
	}
}

// stopReason maps why a stream's context ended to how its record closes.
func stopReason(ctx context.Context) CloseReason {
	switch context.Cause(ctx) {
	case errKicked:
		return ClosedKicked
	case errStatus:
		return ClosedStatus
	case errShutdown:
		return ClosedShutdown
	}
	return ClosedByClient
}

func roundPackets(n int64) int {
	if n <= 0 {
		return tsPacket
	}
	return int((n + tsPacket - 1) / tsPacket * tsPacket)
}

// pacer sends the looped clip at the byte rate that plays it in real time,
// after a first second sent at once so a player can start without waiting.
type pacer struct {
	c       *clip
	loop    int64
	next    int // next packet of the loop
	sent    int64
	chunk   int // bytes per write: about 100 ms, whole packets
	burst   int64
	rate    float64 // bytes per second
	started time.Time
}

func newPacer(c *clip) *pacer {
	rate := c.ByteRate()
	return &pacer{
		c: c, rate: rate, started: time.Now(),
		chunk: max(1, int(rate/10/tsPacket)) * tsPacket,
		burst: int64(rate),
	}
}

// fill writes the next len(buf)/188 packets of the endless stream into buf.
func (p *pacer) fill(buf []byte) {
	for off := 0; off+tsPacket <= len(buf); off += tsPacket {
		p.c.packet(buf[off:off+tsPacket], p.loop, p.next)
		if p.next++; p.next == len(p.c.packets) {
			p.next, p.loop = 0, p.loop+1
		}
	}
}

// untilNext is how long to wait before the next write keeps the stream on time.
func (p *pacer) untilNext() time.Duration {
	due := p.started.Add(time.Duration(float64(p.sent-p.burst) / p.rate * float64(time.Second)))
	return max(0, time.Until(due))
}
