package gate

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

func limitedGate(t *testing.T, lim Limits) *Gate {
	t.Helper()
	g, err := NewWithLimits(0, lim)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// request sends one keep-alive request on c and reads its answer.
func request(t *testing.T, c net.Conn) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://gate/s/unknown/0/media.ts", nil)
	if err := req.Write(c); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// closedByGate waits for the gate to close c; a read deadline far beyond
// the gate's time-outs guards against a hang.
func closedByGate(t *testing.T, c net.Conn) bool {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := c.Read(make([]byte, 1))
	return err == io.EOF
}

func TestIdleClientsAreClosed(t *testing.T) {
	g := limitedGate(t, Limits{IdleTimeout: 100 * time.Millisecond, HeaderTimeout: 100 * time.Millisecond, MaxConns: 16})
	var conns []net.Conn
	for i := range 100 {
		c, err := net.Dial("tcp", g.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if i%2 == 0 && i < 16 {
			request(t, c) // then keeps the connection alive, idle
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		if !closedByGate(t, c) {
			t.Fatalf("idle connection %d is still open", i)
		}
	}
}

func TestConnectionCapHolds(t *testing.T) {
	const max = 4
	g := limitedGate(t, Limits{IdleTimeout: time.Minute, HeaderTimeout: time.Minute, MaxConns: max})
	var held []net.Conn
	for range max {
		c, err := net.Dial("tcp", g.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		request(t, c)
		held = append(held, c)
	}
	extra, err := net.Dial("tcp", g.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	req, _ := http.NewRequest("GET", "http://gate/s/unknown/0/media.ts", nil)
	req.Write(extra)
	answered := make(chan struct{})
	go func() {
		http.ReadResponse(bufio.NewReader(extra), req)
		close(answered)
	}()
	select {
	case <-answered:
		t.Fatalf("a connection beyond the cap of %d was served", max)
	case <-time.After(300 * time.Millisecond):
	}
	held[0].Close()
	within(t, answered, "the waiting connection to be served once one closed")
}
