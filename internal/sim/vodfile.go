package sim

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// A movie or an episode is a finite file: the clip looped for the title's
// running time, timestamps carried across loops as on a live stream, so a
// byte offset is a moment of the film and a player can seek by Range.

// handleMovie serves /movie/USER/PASS/ID.EXT.
func (s *Server) handleMovie(w http.ResponseWriter, r *http.Request) {
	s.handleFile(w, r, KindMovie, func(id int) (int, bool) {
		m, ok := s.catalogue.movieByID(id)
		return m.Seconds, ok
	})
}

// handleEpisode serves /series/USER/PASS/ID.EXT.
func (s *Server) handleEpisode(w http.ResponseWriter, r *http.Request) {
	s.handleFile(w, r, KindEpisode, func(id int) (int, bool) {
		e, ok := s.catalogue.episodeByID(id)
		return e.Seconds, ok
	})
}

// handleFile makes a panel's checks, then serves the file or the range
// asked for at real-time pace. Panels serve a title under any extension, so
// the one in the URL is not checked.
func (s *Server) handleFile(w http.ResponseWriter, r *http.Request, kind Kind, title func(id int) (seconds int, ok bool)) {
	file := r.PathValue("file")
	if i := strings.LastIndexByte(file, '.'); i >= 0 {
		file = file[:i]
	}
	if !s.admit(w, r, kind) {
		return
	}
	id, _ := strconv.Atoi(file)
	seconds, ok := title(id)
	if rej, refused := s.checkPlay(r, kind, id, func() bool { return ok }); refused {
		s.refuse(w, rej)
		return
	}
	size := s.fileSize(seconds)
	start, end, partial, ok := parseRange(r.Header.Get("Range"), size)
	if !ok {
		w.Header().Set("Content-Range", "bytes */"+strconv.FormatInt(size, 10))
		rej := s.rejectionLocking(r, kind, RejectRange, http.StatusRequestedRangeNotSatisfiable)
		rej.StreamID = id
		s.refuse(w, rej)
		return
	}
	h := w.Header()
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", "video/mp2t")
	h.Set("Content-Length", strconv.FormatInt(end-start, 10))
	status := http.StatusOK
	if partial {
		h.Set("Content-Range", "bytes "+strconv.FormatInt(start, 10)+"-"+strconv.FormatInt(end-1, 10)+"/"+strconv.FormatInt(size, 10))
		status = http.StatusPartialContent
	}
	s.serveFile(w, r, fileRequest{kind: kind, id: id, start: start, end: end, status: status})
}

// fileSize is the byte length of a title that plays for seconds: whole
// loops of the clip, or Config.VODLength when set.
func (s *Server) fileSize(seconds int) int64 {
	d := time.Duration(seconds) * time.Second
	if s.cfg.VODLength > 0 {
		d = s.cfg.VODLength
	}
	loops := max(1, int64((d+s.clip.Duration()-1)/s.clip.Duration()))
	return loops * int64(s.clip.Size())
}

// parseRange reads a single "bytes=" range against a file of size bytes and
// returns [start, end). A header that is missing, malformed or asks for
// several ranges is ignored, as RFC 9110 allows, and the whole file is
// served; a range that starts past the end is unsatisfiable (ok false).
func parseRange(header string, size int64) (start, end int64, partial, ok bool) {
	spec, found := strings.CutPrefix(strings.TrimSpace(header), "bytes=")
	if !found || strings.Contains(spec, ",") {
		return 0, size, false, true
	}
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return 0, size, false, true
	}
	a, errA := strconv.ParseInt(first, 10, 64)
	b, errB := strconv.ParseInt(last, 10, 64)
	switch {
	case first == "" && errB == nil && b > 0: // the last b bytes
		return max(0, size-b), size, true, true
	case first == "" && errB == nil:
		return 0, 0, false, false
	case errA != nil || a < 0 || (last != "" && (errB != nil || b < a)):
		return 0, size, false, true
	case a >= size:
		return 0, 0, false, false
	case last == "":
		return a, size, true, true
	}
	return a, min(b+1, size), true, true
}

type fileRequest struct {
	kind       Kind
	id         int
	start, end int64
	status     int
}

// serveFile takes a slot and sends the bytes, holding the slot until the
// last byte is sent or the client leaves. A HEAD request takes none.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, fr fileRequest) {
	if r.Method == http.MethodHead {
		w.WriteHeader(fr.status)
		return
	}
	ctx, cut := context.WithCancelCause(r.Context())
	defer cut(nil)
	s.mu.Lock()
	if s.base.Err() != nil {
		s.mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	c, ok := s.acquireLocked(fr.kind, fr.id, r.RemoteAddr, cut)
	faults := s.cfg.Faults
	if !ok {
		rej := s.rejection(r, fr.kind, RejectLimit, http.StatusUnauthorized)
		rej.StreamID = fr.id
		s.rejectLocked(rej)
		s.mu.Unlock()
		for _, k := range []string{"Accept-Ranges", "Content-Type", "Content-Length", "Content-Range"} {
			w.Header().Del(k)
		}
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	c.Range = r.Header.Get("Range")
	s.handlers.Add(1)
	s.mu.Unlock()
	defer s.handlers.Done()

	reason := s.pumpFile(ctx, w, c, fr, faults)
	s.finishTS(c, reason)
	if reason != ClosedByClient && reason != ClosedDone {
		panic(http.ErrAbortHandler)
	}
}

// fileBurst is how much of a title is sent at once before the pace sets in:
// a player reads the last few hundred kilobytes of a file for its length
// before it plays, and at a live stream's one second that read would hold
// the start back by seconds.
const fileBurst = 10 * time.Second

// pumpFile writes [fr.start, fr.end) of the title at the pace that plays
// it, after fileBurst's worth sent at once, and says why it stopped.
func (s *Server) pumpFile(ctx context.Context, w http.ResponseWriter, c *conn, fr fileRequest, f Faults) CloseReason {
	if !sleepCtx(ctx, f.FirstByteDelay) {
		return stopReason(ctx)
	}
	w.WriteHeader(fr.status)
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	var drop <-chan time.Time
	if f.DropAfter > 0 {
		t := time.NewTimer(f.DropAfter)
		defer t.Stop()
		drop = t.C
	}
	p := newPacer(s.clip)
	p.burst = int64(p.rate * fileBurst.Seconds())
	buf := make([]byte, p.chunk)
	wait := time.NewTimer(0)
	defer wait.Stop()
	for off := fr.start; off < fr.end; {
		select {
		case <-ctx.Done():
			return stopReason(ctx)
		case <-drop:
			return ClosedDropped
		case <-wait.C:
		}
		n := int(min(int64(len(buf)), fr.end-off))
		if f.DropAfterBytes > 0 {
			n = int(min(int64(n), max(1, f.DropAfterBytes-p.sent)))
		}
		s.clip.fileBytes(buf[:n], off)
		if _, err := w.Write(buf[:n]); err != nil {
			return ClosedByClient
		}
		if err := rc.Flush(); err != nil {
			return ClosedByClient
		}
		off += int64(n)
		p.sent += int64(n)
		s.mu.Lock()
		c.Bytes = p.sent
		s.mu.Unlock()
		if f.DropAfterBytes > 0 && p.sent >= f.DropAfterBytes {
			return ClosedDropped
		}
		wait.Reset(p.untilNext())
	}
	return ClosedDone
}

// fileBytes fills dst with the looped clip's bytes from offset off.
func (c *clip) fileBytes(dst []byte, off int64) {
	var pkt [tsPacket]byte
	size := int64(c.Size())
	for len(dst) > 0 {
		loop, in := off/size, off%size
		i, skip := int(in/tsPacket), int(in%tsPacket)
		c.packet(pkt[:], loop, i)
		n := copy(dst, pkt[skip:])
		dst, off = dst[n:], off+int64(n)
	}
}
