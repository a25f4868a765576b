package diagnose

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// Sample returns typical evidence for a kind, so a demo or a screen test can
// show every diagnosis without a provider. Diagnose(Sample(k, now)).Kind == k.
func Sample(k Kind, now time.Time) Evidence {
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
	e := Evidence{Source: SourceXtream, Now: now}
	switch k {
	case SlotOwnEarlier:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 1, 1)
		e.Own = []LeaseFact{{Channel: "UK | News 24", StartedAt: now.Add(-time.Hour),
			ReleasedAt: now.Add(-20 * time.Second), How: Clean, HLS: true}}
	case SlotOther:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 1, 1)
		e.Own = []LeaseFact{{Channel: "UK | News 24", ReleasedAt: now.Add(-2 * time.Hour), How: Clean}}
	case Credentials:
		e.Refusal, e.Account = refusal(401, nil, ""), &playlist.Account{Auth: false}
	case Expired:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Expired", 0, 1)
		e.Account.ExpiresAt = now.AddDate(0, 0, -3)
	case Banned:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Banned", 0, 1)
	case Disabled:
		e.Refusal, e.Account = refusal(403, nil, ""), acct("Disabled", 0, 1)
	case IPLock:
		e.Refusal, e.Account = refusal(401, nil, ""), acct("Active", 0, 1)
		e.RouteChanged, e.RouteDetail = true, "public address 203.0.113.5 -> 198.51.100.7"
	case RateLimited:
		e.Refusal = refusal(429, http.Header{"Retry-After": {"300"}}, "")
	case Forbidden:
		e.Source, e.Refusal = SourceHTTP, refusal(403, nil, "")
	case Gone:
		e.Refusal = refusal(404, nil, "")
	case ServerFault:
		e.Refusal = refusal(502, nil, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case Network:
		e.Refusal = &session.Refusal{URL: url, At: now, Err: &net.OpError{Op: "dial", Net: "tcp",
			Err: &net.DNSError{Err: "no such host", Name: "provider.example", IsNotFound: true}}}
	default:
		e.Refusal = refusal(400, nil, "")
		e.AccountErr = errors.Join(errors.New("account info"), context.DeadlineExceeded)
	}
	return e
}
