package gate

import (
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"time"
)

// A movie or an episode is read with Range requests, one per seek. The
// gate closes the last request's provider connection before it opens the
// next (claim waits for the reader to be gone, and pipe hangs the socket up
// itself), so a one-slot account never sees two; the waits below cover a
// panel that counts that close a moment late.

// seekWaits are the waits before each new attempt when the provider refuses
// a seek as over the limit: the gate closed the only other connection an
// instant before, so the panel only has not counted that yet. Together
// they stay under what a player waits for an answer.
var seekWaits = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond}

// seekSettle is how long a seek waits after the gate hung up the last
// range's connection before it asks for the next: a panel counts a close
// only once its own process for that request has ended, a moment after the
// socket closed. A person does not notice it in a seek; the panel would
// notice a second connection.
const seekSettle = 30 * time.Millisecond

// settle waits seekSettle, and reports false when the player gave up first.
func settle(r *http.Request) bool {
	t := time.NewTimer(seekSettle)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// refetchSeek asks again for a file's range refused as over the limit,
// while the player still waits; any other refusal stands.
func (s *Stream) refetchSeek(r *http.Request, ref *Refusal) (*http.Response, *Refusal) {
	for _, wait := range seekWaits {
		if !overLimit(ref) {
			return nil, ref
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return nil, ref
		}
		var resp *http.Response
		if resp, ref = s.fetch(r.Context(), nil, s.req.URL, "stream", r); ref == nil {
			if s.req.Log != nil {
				s.req.Log.Debug("seek: the provider counted the last range's close late", "wait", wait.String())
			}
			return resp, nil
		}
	}
	return nil, ref
}

// overLimit is a panel's answer to a connection beyond the account's limit:
// 401 with no challenge (a challenge asks for credentials).
func overLimit(ref *Refusal) bool {
	return ref != nil && ref.Err == nil && ref.Status == http.StatusUnauthorized &&
		len(ref.Header.Values("Www-Authenticate")) == 0
}

// takeHeld hands over the first answer, kept since Open, when it is what r
// asks for: the whole file, or its range from the start. A player that
// asks for a later range first gets it fetched, not the file's first bytes
// under the wrong offset.
func (s *Stream) takeHeld(r *http.Request) *http.Response {
	s.mu.Lock()
	held := s.held
	s.held = nil
	s.mu.Unlock()
	if held == nil {
		return nil
	}
	if rg := strings.TrimSpace(r.Header.Get("Range")); rg == "" || rg == "bytes=0-" {
		return held
	}
	held.Body.Close()
	closeConn(held)
	return nil
}

// connRef learns which provider connection a request went out on.
type connRef struct {
	mu   sync.Mutex
	conn net.Conn
}

func (c *connRef) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		c.mu.Lock()
		c.conn = info.Conn
		c.mu.Unlock()
	}}
}

// closeConn closes the provider connection resp came on, now.
func closeConn(resp *http.Response) {
	b, ok := resp.Body.(*cancelBody)
	if !ok || b.conn == nil {
		return
	}
	b.conn.mu.Lock()
	conn := b.conn.conn
	b.conn.mu.Unlock()
	if conn != nil {
		conn.Close()
	}
}
