package gate

import (
	"net"
	"os"
	"testing"
)

func TestPeerUIDNamesTheClientsUser(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp on this system: the gate cannot tell users apart")
	}
	g := newGate(t)
	c, err := net.Dial("tcp", g.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	uid, ok := peerUID(c.LocalAddr().String(), g.Addr())
	if !ok || uid != os.Getuid() {
		t.Errorf("peerUID = %d, %v; want this process's user %d", uid, ok, os.Getuid())
	}
	if _, ok := peerUID("127.0.0.1:1", g.Addr()); ok {
		t.Error("peerUID found a connection that does not exist")
	}
}
