package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/tuner-iptv/tuner/session/gate"
)

func TestWordsTranslateNetworkFailures(t *testing.T) {
	opErr := func(err error) error {
		return &net.OpError{Op: "read", Net: "tcp", Err: &os.SyscallError{Syscall: "read", Err: err}}
	}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"unexpected EOF", fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), "the provider ended the stream"},
		{"gate's closed", gate.ErrUpstreamClosed, "the provider ended the stream"},
		{"reset", opErr(syscall.ECONNRESET), "the provider cut the connection"},
		{"closed conn", &net.OpError{Op: "read", Net: "tcp", Err: net.ErrClosed}, "the connection to the provider was closed"},
		{"refused", opErr(syscall.ECONNREFUSED), "refused the connection"},
		{"dns", &net.DNSError{Err: "no such host", Name: "p.example"}, "could not be found"},
		{"timeout", context.DeadlineExceeded, "stopped answering"},
		{"text only", errors.New("read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer"), "the provider cut the connection"},
		{"text of a closed conn", errors.New("read tcp 1.2.3.4:5: use of closed network connection"), "the connection to the provider was closed"},
		{"other", errors.New("mpv: loading failed"), "mpv: loading failed"},
		{"masked", errors.New("open http://h/live/bob/hunter2/1.ts failed"), "***"},
	}
	raw := []string{"EOF", "connection reset by peer", "use of closed network connection", "read tcp", "hunter2"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Words(c.err)
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Fatalf("Words(%v) = %q, want it to say %q", c.err, got, c.want)
			}
			for _, r := range raw {
				if strings.Contains(got, r) {
					t.Errorf("Words(%v) = %q shows %q", c.err, got, r)
				}
			}
		})
	}
}
