package gate

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// peerUID finds which user owns the client end of a loopback connection to
// the gate: the line of /proc/net/tcp whose local end is the client's
// address and whose remote end is the gate's. Everyone on the machine can
// reach 127.0.0.1 and read a player's arguments, so the user is what tells
// tuner's own player from a stranger. ok is false where the kernel does not
// say (no /proc, or the socket is already gone).
func peerUID(client, gate string) (uid int, ok bool) {
	local, err1 := procAddr(client)
	remote, err2 := procAddr(gate)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	f, err := os.Open("/proc/net/tcp")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 8 || fields[1] != local || fields[2] != remote {
			continue
		}
		n, err := strconv.Atoi(fields[7])
		return n, err == nil
	}
	return 0, false
}

// procAddr writes an IPv4 "host:port" as /proc/net/tcp does: the address's
// four bytes as a little-endian word, then the port, in upper-case hex.
func procAddr(hostport string) (string, error) {
	ap, err := net.ResolveTCPAddr("tcp", hostport)
	if err != nil {
		return "", err
	}
	ip := ap.IP.To4()
	if ip == nil {
		return "", fmt.Errorf("%s: not IPv4", hostport)
	}
	return fmt.Sprintf("%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], ap.Port), nil
}

// stranger reports a client that the kernel says belongs to another user.
func (g *Gate) stranger(client string) bool {
	uid, ok := g.peerUID(client, g.Addr())
	return ok && uid != os.Getuid()
}
