package session

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
)

// ErrCut is what ends a stream the provider cut off in the middle, as the
// person is told it: the panel dropped it, or another device took the
// account's only slot on a panel that cuts the oldest connection.
var ErrCut = errors.New("the provider ended the stream (another device may have taken the slot, or the link dropped)")

// wording is one network failure and the words the screen says for it.
// Go's own texts ("unexpected EOF", "connection reset by peer") mean
// nothing to someone watching television.
type wording struct {
	is    func(error) bool
	words string
}

var wordings = []wording{
	{isAny(io.ErrUnexpectedEOF, io.EOF, gate.ErrUpstreamClosed), ErrCut.Error()},
	{isAny(syscall.ECONNRESET, syscall.EPIPE), "the provider cut the connection"},
	{isAny(net.ErrClosed), "the connection to the provider was closed"},
	{isAny(syscall.ECONNREFUSED), "the provider's server refused the connection (it may be down)"},
	{isAny(syscall.ENETUNREACH, syscall.EHOSTUNREACH), "the provider cannot be reached from this network"},
	{isDNS, "the provider's address could not be found (DNS)"},
	{isTimeout, "the provider stopped answering"},
}

func isAny(targets ...error) func(error) bool {
	return func(err error) bool {
		for _, t := range targets {
			if errors.Is(err, t) {
				return true
			}
		}
		return false
	}
}

func isDNS(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		(errors.As(err, &ne) && ne.Timeout())
}

// rawTexts are Go's texts for the failures above, for an error that lost
// its chain on the way (a player's message, a wrapped string).
var rawTexts = []struct{ raw, words string }{
	{"unexpected EOF", ErrCut.Error()},
	{"connection reset by peer", "the provider cut the connection"},
	{"broken pipe", "the provider cut the connection"},
	{"use of closed network connection", "the connection to the provider was closed"},
	{"connection refused", "the provider's server refused the connection (it may be down)"},
	{"i/o timeout", "the provider stopped answering"},
}

// Words is what the screen says for err: a network failure in words, any
// other error's own text; masked either way. "" for nil.
func Words(err error) string {
	if err == nil {
		return ""
	}
	for _, w := range wordings {
		if w.is(err) {
			return w.words
		}
	}
	text := err.Error()
	for _, r := range rawTexts {
		if strings.Contains(text, r.raw) {
			return r.words
		}
	}
	return playlist.MaskURL(text)
}
