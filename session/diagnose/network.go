package diagnose

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
)

// netProblem is what kind of network failure kept the provider from answering.
type netProblem int

const (
	netNone netProblem = iota
	netDNS
	netTLS
	netTimeout
	netRefused
	netReset
	netUnreachable
	netClosed // the server closed the connection without an answer
	netOther
)

// classifyNet looks through the error chain (url.Error, net.OpError,
// os.SyscallError...) for the most telling cause. DNS and TLS come first
// because their errors can also report a timeout.
func classifyNet(err error) netProblem {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return netDNS
	}
	if isTLS(err) {
		return netTLS
	}
	if isTimeout(err) {
		return netTimeout
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return netRefused
	case errors.Is(err, syscall.ECONNRESET):
		return netReset
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return netUnreachable
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return netClosed
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return netUnreachable
	}
	return netOther
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isTLS(err error) bool {
	var (
		unknownCA   x509.UnknownAuthorityError
		hostname    x509.HostnameError
		invalid     x509.CertificateInvalidError
		verify      *tls.CertificateVerificationError
		recordHdr   tls.RecordHeaderError
		alert       tls.AlertError
		constraints x509.ConstraintViolationError
		opErr       *net.OpError
	)
	// A TLS alert from the server arrives as an OpError "remote error".
	if errors.As(err, &opErr) && opErr.Op == "remote error" {
		return true
	}
	return errors.As(err, &unknownCA) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &verify) ||
		errors.As(err, &recordHdr) || errors.As(err, &alert) ||
		errors.As(err, &constraints)
}
