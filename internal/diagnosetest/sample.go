// Package diagnosetest has typical evidence for every kind of refusal, so a
// test can show each diagnosis without a provider. It is a package of its
// own, not part of the simulator, because the simulator serves the session
// package's tests and this needs session's types.
package diagnosetest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// Sample returns typical evidence for a kind: Diagnose(Sample(k, now)).Kind == k.
func Sample(k diagnose.Kind, now time.Time) diagnose.Evidence {
	const url = "http://provider.example:8080/live/demo/***/1001.ts"
	refusal := func(status int, header http.Header, body string) *session.Refusal {
		if header == nil {
			header = http.Header{}
		}
		return &session.Refusal{Status: status, Header: header, Body: []byte(body), URL: url, At: now}
	}
	acct := func(status string, inUse, allowed int) *playlist.Account {
		return &playlist.Account{
			Server: "http://provider.example:8080", Username: "demo", Auth: true, Status: status,
			ExpiresAt: now.AddDate(0, 6, 0), MaxConnections: allowed, ActiveConnections: inUse,
		}
	}
	e := diagnose.Evidence{Source: diagnose.SourceXtream, Now: now}
	switch k {
	case diagnose.SlotOwnEarlier:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 1, 1)
		e.Own = []diagnose.LeaseFact{{Channel: "UK | News 24", StartedAt: now.Add(-time.Hour),
			ReleasedAt: now.Add(-20 * time.Second), How: diagnose.Clean, HLS: true}}
	case diagnose.SlotOther:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 1, 1)
		e.Own = []diagnose.LeaseFact{{Channel: "UK | News 24", ReleasedAt: now.Add(-2 * time.Hour), How: diagnose.Clean}}
	case diagnose.Credentials:
		e.Refusal, e.Account = refusal(401, nil, ""), &playlist.Account{Auth: false}
	case diagnose.Expired:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Expired", 0, 1)
		e.Account.ExpiresAt = now.AddDate(0, 0, -3)
	case diagnose.Banned:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Banned", 0, 1)
	case diagnose.Disabled:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Disabled", 0, 1)
	case diagnose.IPLock:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 0, 1)
		e.RouteChanged, e.RouteDetail = true, "public address 203.0.113.5 -> 198.51.100.7"
	case diagnose.RateLimited:
		e.Refusal = refusal(429, http.Header{"Retry-After": {"300"}}, "")
	case diagnose.Forbidden:
		e.Source, e.Refusal = diagnose.SourceHTTP, refusal(403, nil, "")
	case diagnose.Gone:
		e.Refusal = refusal(404, nil, "")
	case diagnose.ServerFault:
		e.Refusal = refusal(502, nil, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case diagnose.Network:
		e.Refusal = &session.Refusal{URL: url, At: now, Err: &net.OpError{Op: "dial", Net: "tcp",
			Err: &net.DNSError{Err: "no such host", Name: "provider.example", IsNotFound: true}}}
	default:
		e.Refusal = refusal(400, nil, "")
		e.AccountErr = errors.Join(errors.New("account info"), context.DeadlineExceeded)
	}
	return e
}
