package gate

import (
	"net"
	"sync"
	"time"
)

// Limits bound what clients of the gate may hold. A player needs a handful
// of connections; anything else on the machine that connects and then
// idles must not pile up descriptors in tuner.
type Limits struct {
	// IdleTimeout closes a kept-alive connection that sends no next request.
	IdleTimeout time.Duration
	// HeaderTimeout closes a connection that does not finish its request
	// headers in time, the first request's included.
	HeaderTimeout time.Duration
	// MaxConns is how many client connections the gate holds at once;
	// more wait to be accepted until one closes.
	MaxConns int
}

// The default limits leave a player's live stream, segment fetches and
// seeks alone: a stream being sent is never idle, and a player asks for its
// next HLS segment well within the idle time.
const (
	defaultIdleTimeout   = 30 * time.Second
	defaultHeaderTimeout = 10 * time.Second
	defaultMaxConns      = 64
)

func (l Limits) withDefaults() Limits {
	if l.IdleTimeout <= 0 {
		l.IdleTimeout = defaultIdleTimeout
	}
	if l.HeaderTimeout <= 0 {
		l.HeaderTimeout = defaultHeaderTimeout
	}
	if l.MaxConns <= 0 {
		l.MaxConns = defaultMaxConns
	}
	return l
}

// limitListener accepts a connection only while fewer than its cap are open.
type limitListener struct {
	net.Listener
	sem  chan struct{}
	done chan struct{}
	once sync.Once
}

func limitConns(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, sem: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.sem }}, nil
}

func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
