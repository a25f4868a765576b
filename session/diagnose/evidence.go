package diagnose

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/words"

	"github.com/tuner-iptv/tuner/playlist"
)

// The evidence lines. Each returns "" when it has nothing to say, so a kind
// can list the lines it rests on and lines() drops the empty ones.

func lines(ss ...string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (f *facts) answerLine() string {
	r := f.e.Refusal
	switch {
	case r == nil:
		return ""
	case r.Status == 0 && r.Err != nil:
		return "no HTTP answer: " + safeErr(r.Err)
	case r.Status == 0:
		return ""
	case f.body == "":
		return fmt.Sprintf("provider answered %s with an empty body", statusText(r.Status))
	}
	return fmt.Sprintf("provider answered %s with the text \"%s\"", statusText(r.Status), f.body)
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("HTTP %d %s", code, t)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// safeErr renders an error for a person: one line, any URL password masked.
func safeErr(err error) string {
	return truncate(playlist.MaskURL(playlist.OneLine(err.Error())), 160)
}

func (f *facts) challengeLine() string {
	if len(f.schemes) == 0 {
		return ""
	}
	s := fmt.Sprintf("WWW-Authenticate asks for %s credentials", strings.Join(f.schemes, " or "))
	if f.bearerError != "" {
		s += fmt.Sprintf(" (error %q)", f.bearerError)
	}
	return s
}

func (f *facts) retryLine() string {
	if !f.hasRetryAfter {
		return ""
	}
	return "Retry-After asks to wait " + human(f.retryAfter)
}

var iisTexts = map[string]string{
	"401.1":   "logon failed",
	"401.2":   "logon failed due to server configuration",
	"401.3":   "unauthorized due to an access list on the resource",
	"401.4":   "authorization failed by a filter",
	"401.5":   "authorization failed by an ISAPI/CGI application",
	"401.7":   "denied by the URL authorization policy",
	"401.501": "too many concurrent requests from the same address",
	"401.502": "too many requests from the same address in a short time",
	"401.503": "this IP address is on the server's deny list",
	"401.504": "this host name is on the server's deny list",
}

func (f *facts) iisLine() string {
	if f.iis == "" {
		return ""
	}
	return fmt.Sprintf("IIS substatus %s: %s", f.iis, iisTexts[f.iis])
}

func (f *facts) slotsLine() string {
	if f.acct == nil || f.allowed <= 0 {
		return ""
	}
	return fmt.Sprintf("account allows %s, %d in use", words.Count(f.allowed, "connection"), f.inUse)
}

func (f *facts) limitLine() string {
	if !f.bodySaysLimit || f.full {
		return ""
	}
	return "the provider's answer says the connection limit is reached"
}

func (f *facts) accountLine() string {
	a := f.acct
	if a == nil {
		return ""
	}
	if !a.Auth {
		return "account info answered auth 0: the provider does not accept this username and password"
	}
	s := "account status " + orUnknown(playlist.OneLine(a.Status))
	switch {
	case a.ExpiresAt.IsZero():
	case a.ExpiresAt.Before(f.now):
		s += fmt.Sprintf(", expired on %s (%s ago)", day(a.ExpiresAt), human(f.now.Sub(a.ExpiresAt)))
	default:
		s += ", expires on " + day(a.ExpiresAt)
	}
	return s
}

func (f *facts) accountErrLine() string {
	switch {
	case f.acct != nil:
		return ""
	case f.e.AccountErr != nil:
		return "account info could not be read: " + safeErr(f.e.AccountErr)
	case f.e.Source == SourceHTTP:
		return "this source has no account info to check the connections in use"
	}
	return ""
}

func (f *facts) ownLine() string {
	l := f.own
	ch := ""
	if l.Channel != "" {
		ch = fmt.Sprintf(" (%s)", truncate(playlist.OneLine(l.Channel), 40))
	}
	switch f.ownWhy {
	case ownHeld:
		return "another tuner on this machine holds a lease on this account" + ch
	case ownRecovered:
		return fmt.Sprintf("tuner did not stop its last session%s cleanly; it was recovered after a crash %s ago",
			ch, human(f.now.Sub(l.ReleasedAt)))
	case ownHLSRecent:
		return fmt.Sprintf("tuner released its last session%s %s ago (HLS: panels keep counting for 30-60 s)",
			ch, human(f.now.Sub(l.ReleasedAt)))
	case ownTSRecent:
		return fmt.Sprintf("tuner closed its last stream%s %s ago (some panels count a closed connection for a few seconds)",
			ch, human(f.now.Sub(l.ReleasedAt)))
	}
	return ""
}

func (f *facts) noOwnLine() string {
	if f.ownWhy != ownNone {
		return ""
	}
	if t := latestClean(f.e.Own); !t.IsZero() {
		return fmt.Sprintf("tuner holds no lease on this account; its last clean stop was %s ago", human(f.now.Sub(t)))
	}
	return "tuner holds no lease on this account"
}

func (f *facts) routeLine() string {
	if !f.e.RouteChanged {
		return ""
	}
	if d := playlist.OneLine(f.e.RouteDetail); d != "" {
		return "the public route changed since the last session: " + d
	}
	return "the public route changed since the last session"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// human renders a duration the way a person says it: "20 s", "3 min", "5 h".
func human(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d < 90*time.Second:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < 90*time.Minute:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Round(time.Hour)/time.Hour))
	}
	return fmt.Sprintf("%d days", int(d.Round(24*time.Hour)/(24*time.Hour)))
}
