package sim

import (
	"context"
	"errors"
	"time"
)

// Kind is what a connection is.
type Kind string

// Connection kinds.
const (
	KindTS      Kind = "ts"      // one MPEG-TS response, counted until its TCP connection closes
	KindHLS     Kind = "hls"     // an HLS session, counted until HLSGrace passes without a request
	KindMovie   Kind = "movie"   // one response for a movie's file, counted until it ends or its client leaves
	KindEpisode Kind = "episode" // the same for an episode's file
	KindOther   Kind = "other"   // a slot held by Occupy: "another device"
	KindAPI     Kind = "api"     // used in Rejection only: player_api.php, get.php, xmltv.php
)

// CloseReason says why a connection ended.
type CloseReason string

// Close reasons.
const (
	ClosedByClient CloseReason = "client"   // the client closed the TCP connection
	ClosedKicked   CloseReason = "kicked"   // cut to make room (KickOldest) or by Kick
	ClosedDropped  CloseReason = "dropped"  // cut by a DropAfter fault
	ClosedExpired  CloseReason = "expired"  // HLS session idle for HLSGrace
	ClosedStatus   CloseReason = "status"   // the account stopped being Active
	ClosedReleased CloseReason = "released" // an Occupy slot given back
	ClosedShutdown CloseReason = "shutdown" // the server closed
	ClosedDone     CloseReason = "done"     // a movie or episode response sent to its end
)

// Conn is one connection slot use, current or past.
type Conn struct {
	ID       int
	Kind     Kind
	StreamID int    // 0 for KindOther
	Remote   string // client address, host:port
	Username string
	Open     time.Time
	Close    time.Time // zero while the connection counts
	// Disconnected is when a TS client's TCP connection closed; with a Linger
	// fault the slot keeps counting until Close, after it.
	Disconnected time.Time
	Reason       CloseReason
	Bytes        int64 // bytes of stream sent (TS and HLS segments)
	Requests     int   // HLS: playlist and segment requests in the session
	// Range is the Range header of a movie or episode request, "" when it
	// asked for the whole file: each seek is a new connection with its own.
	Range string
}

// Active reports whether the connection still holds its slot.
func (c Conn) Active() bool { return c.Close.IsZero() }

// Reason says why a request was refused.
type Reason string

// Rejection reasons.
const (
	RejectCredentials  Reason = "credentials"   // wrong username or password: 401
	RejectStatus       Reason = "status"        // account Expired, Banned or Disabled: 403
	RejectLimit        Reason = "limit"         // max_connections reached (Reject401): 401
	RejectNotFound     Reason = "not-found"     // no such stream: 404
	RejectRateLimit    Reason = "rate-limit"    // too many requests: 429
	RejectFault        Reason = "fault"         // a Status5xx or APIStatus5xx fault
	RejectSessionEnded Reason = "session-ended" // HLS request for a session that expired or was cut: 401
	RejectIPLock       Reason = "ip-lock"       // an IPLock fault: 401 or 403 with slots free
	RejectRange        Reason = "range"         // a movie or episode Range past the file's end: 416
)

// Rejection is one refused request.
type Rejection struct {
	Time     time.Time
	Reason   Reason
	Status   int // HTTP status sent
	Kind     Kind
	StreamID int
	Remote   string
	Path     string // request path and query, password masked
}

// APIRequest is one request to player_api.php, get.php or xmltv.php.
type APIRequest struct {
	Time     time.Time
	Endpoint string // "player_api.php", "get.php" or "xmltv.php"
	Action   string // player_api.php action; "" for account info
	Remote   string
	Auth     bool // the credentials were right
	Status   int  // HTTP status sent
}

// conn is the server's record of a connection, with the means to cut it.
type conn struct {
	Conn
	cut context.CancelCauseFunc // stops the handler serving it; nil for HLS sessions and Occupy
	// lingerUntil is when a disconnected TS client's slot is finally freed.
	lingerUntil time.Time
}

var (
	errKicked   = errors.New("kicked")
	errStatus   = errors.New("account no longer active")
	errShutdown = errors.New("server closed")
)

// Connections returns every connection, current and past, oldest first.
func (s *Server) Connections() []Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	out := make([]Conn, len(s.conns))
	for i, c := range s.conns {
		out[i] = c.Conn
	}
	return out
}

// Active returns how many slots are in use.
func (s *Server) Active() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	return s.activeLocked()
}

// Peak returns the most slots ever in use at once, to check that a client
// never held two where it should hold one.
func (s *Server) Peak() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Rejections returns every refused request, oldest first.
func (s *Server) Rejections() []Rejection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Rejection(nil), s.rejections...)
}

// APIRequests returns every account, playlist and guide request, oldest first.
func (s *Server) APIRequests() []APIRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]APIRequest(nil), s.apiLog...)
}

// Occupy takes n slots as "another device", whatever the limit, and returns a
// function that gives them back. The slots show in Connections as KindOther and
// can be cut by KickOldest like any other.
func (s *Server) Occupy(n int) (release func()) {
	s.mu.Lock()
	var held []*conn
	for range n {
		held = append(held, s.openLocked(KindOther, 0, "203.0.113.7:41234", nil))
	}
	s.notifyLocked()
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, c := range held {
			s.closeLocked(c, ClosedReleased, s.now())
		}
	}
}

// Kick cuts the connection with the given ID, as a panel operator would. It
// reports whether the connection was active.
func (s *Server) Kick(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	for _, c := range s.conns {
		if c.ID == id && c.Active() {
			s.cutLocked(c, ClosedKicked, errKicked)
			return true
		}
	}
	return false
}

// WaitActive waits until exactly n slots are in use or ctx ends.
func (s *Server) WaitActive(ctx context.Context, n int) error {
	return s.WaitFor(ctx, func() bool { return s.Active() == n })
}

// WaitFor waits until cond returns true or ctx ends. cond runs after every
// change of state and every few milliseconds (HLS sessions expire with time),
// without the server's lock held, so it may call any of the server's methods.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-changed:
		case <-tick.C:
		}
	}
}

// openLocked records a new connection holding a slot.
func (s *Server) openLocked(kind Kind, streamID int, remote string, cut context.CancelCauseFunc) *conn {
	s.nextID++
	c := &conn{Conn: Conn{
		ID: s.nextID, Kind: kind, StreamID: streamID, Remote: remote,
		Username: s.cfg.Username, Open: s.now(),
	}, cut: cut}
	s.conns = append(s.conns, c)
	s.expireLocked()
	s.peak = max(s.peak, s.activeLocked())
	s.notifyLocked()
	return c
}

// closeLocked ends a connection's claim on its slot; later calls do nothing.
func (s *Server) closeLocked(c *conn, why CloseReason, at time.Time) {
	if !c.Active() {
		return
	}
	c.Close, c.Reason = at, why
	s.notifyLocked()
}

// cutLocked closes the record and makes its handler drop the TCP connection.
func (s *Server) cutLocked(c *conn, why CloseReason, cause error) {
	s.closeLocked(c, why, s.now())
	if c.cut != nil {
		c.cut(cause)
	}
}

func (s *Server) activeLocked() int {
	n := 0
	for _, c := range s.conns {
		if c.Active() {
			n++
		}
	}
	return n
}

// acquireLocked takes a slot for a new stream. Over the limit it refuses
// (Reject401) or cuts the oldest connections until one is free (KickOldest).
func (s *Server) acquireLocked(kind Kind, streamID int, remote string, cut context.CancelCauseFunc) (*conn, bool) {
	s.expireLocked()
	for s.activeLocked() >= s.cfg.MaxConnections {
		if s.cfg.OverLimit != KickOldest {
			return nil, false
		}
		s.cutLocked(s.oldestActiveLocked(), ClosedKicked, errKicked)
	}
	return s.openLocked(kind, streamID, remote, cut), true
}

func (s *Server) oldestActiveLocked() *conn {
	for _, c := range s.conns {
		if c.Active() {
			return c
		}
	}
	return nil
}

// expireLocked ends HLS sessions idle for HLSGrace and lingering TS slots whose
// time is up. Their close time is when that happened, not when this noticed.
func (s *Server) expireLocked() {
	now := s.now()
	for _, c := range s.conns {
		if c.Active() && !c.lingerUntil.IsZero() && !now.Before(c.lingerUntil) {
			s.closeLocked(c, ClosedByClient, c.lingerUntil)
		}
	}
	for _, h := range s.sessions {
		if !h.c.Active() {
			continue
		}
		if deadline := h.lastSeen.Add(s.cfg.HLSGrace); !now.Before(deadline) {
			s.closeLocked(h.c, ClosedExpired, deadline)
		}
	}
}

func (s *Server) rejectLocked(r Rejection) {
	r.Time = s.now()
	s.rejections = append(s.rejections, r)
	s.notifyLocked()
}

// notifyLocked wakes every WaitFor.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}
