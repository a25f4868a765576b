package session

import (
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

// Account is what the Manager knows about the provider account behind a
// source: who it is, how many connections it allows, and how to talk to it.
// Its password sits only in Credentials, which never print it.
type Account struct {
	Provider  string // host[:port], e.g. "provider.example:8080"
	Username  string
	Limit     int    // connection limit; 0 means 1
	UserAgent string // the source's user agent; a channel's own wins
	Direct    bool   // hand URLs straight to the player, bypassing the gate
	// Credentials fill the password into a channel's kept URL as a request
	// leaves for the provider; they never print it.
	Credentials playlist.Credentials
}

// RequestURL is the URL a request for raw sends to the provider: the
// channel's kept URL with the account's password where the placeholder
// stands. It is called only where a request leaves: the gate's upstream, a
// direct-mode player's argument, the confirming GET.
func (a Account) RequestURL(raw string) string { return a.Credentials.RequestURL(raw) }

// SetCredentials records the credentials of a source's account by source
// name. They are kept apart from SetAccount's, which a load replaces.
func (m *Manager) SetCredentials(source string, c playlist.Credentials) {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	creds := make(map[string]playlist.Credentials, len(m.opts.Credentials)+1)
	for k, v := range m.opts.Credentials {
		creds[k] = v
	}
	creds[source] = c
	m.opts.Credentials = creds
}

// Name is "user@host", the account as screens and leases show it.
func (a Account) Name() string { return lease.AccountName(a.Provider, a.Username) }

func (a Account) limit() int {
	if a.Limit <= 0 {
		return 1
	}
	return a.Limit
}

// AccountFrom describes a provider account from what the provider said about
// it. limit, when above 0, is a per-source setting that wins over the
// provider's max_connections.
func AccountFrom(a *playlist.Account, limit int) Account {
	var out Account
	if a != nil {
		out.Username = a.Username
		out.Limit = a.MaxConnections
		if u, err := url.Parse(a.Server); err == nil {
			out.Provider = u.Host
		}
	}
	if limit > 0 {
		out.Limit = limit
	}
	return out
}

// accountOf fills what the configured account leaves open from the channel's
// URL: the host, and the username of an Xtream path or query.
func accountOf(ch playlist.Channel, known Account) Account {
	u, err := url.Parse(ch.URL)
	if err != nil {
		return known
	}
	if known.Provider == "" {
		known.Provider = u.Host
	}
	if known.Username == "" {
		known.Username = UsernameOf(u)
	}
	return known
}

// UsernameOf finds the account username in a stream URL: its userinfo, a
// username= parameter, or an Xtream path (/live/USER/PASS/ID.ts, /movie/...,
// /series/..., or the short /USER/PASS/ID).
func UsernameOf(u *url.URL) string {
	if u.User != nil {
		return u.User.Username()
	}
	if n := u.Query().Get("username"); n != "" {
		return n
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	// /live/USER/PASS/ID.ts, /movie/..., /series/..., and the short /USER/PASS/ID form.
	switch {
	case len(parts) == 4 && (parts[0] == "live" || parts[0] == "movie" || parts[0] == "series"):
		return parts[1]
	case len(parts) == 3 && !strings.Contains(parts[0], "."):
		return parts[0]
	}
	return ""
}

// requestHeader is what the gate (or the confirming GET) sends upstream: the
// channel's own headers, and the source's user agent unless the channel
// names one.
func requestHeader(ch playlist.Channel, ua string) http.Header {
	h := http.Header{}
	for _, hd := range ch.Headers() {
		h.Set(hd.Name, hd.Value)
	}
	if h.Get("User-Agent") == "" && ua != "" {
		h.Set("User-Agent", ua)
	}
	return h
}

func looksHLS(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.HasSuffix(strings.ToLower(u.Path), ".m3u8")
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
}
