package gate

import (
	"net"
	"strconv"
	"testing"
)

func TestNewOnPortListensOnLoopbackAtThatPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	g, err := NewOnPort(port)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if want := "127.0.0.1:" + strconv.Itoa(port); g.Addr() != want {
		t.Errorf("addr %s, want %s", g.Addr(), want)
	}
	if _, err := NewOnPort(port); err == nil {
		t.Error("a second gate on a taken port must fail, not move elsewhere")
	}
}
