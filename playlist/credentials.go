package playlist

import (
	"log/slog"
	"net/url"
	"strings"
)

// Placeholder stands where an account's password goes in the URLs a channel
// and a guide keep. It is the text MaskURL shows, so a kept URL reads the same
// on screen, in the cache and in the clipboard, and sent as it is it can only
// be refused.
const Placeholder = Masked

// Credentials are what an account signs in with. Channel and guide URLs keep
// the Placeholder instead of the password; RequestURL puts the password back
// only where a request leaves for the provider.
type Credentials struct {
	Host     string // host[:port] of the account's panel
	Username string
	Password string
}

// Credentialed is a Source whose URLs hold the Placeholder for its password.
type Credentialed interface {
	Credentials() Credentials
}

// CredentialsOf returns the credentials of src; zero when it keeps none.
func CredentialsOf(src Source) Credentials {
	if c, ok := src.(Credentialed); ok {
		return c.Credentials()
	}
	return Credentials{}
}

// String never shows the password, whatever prints the credentials.
func (c Credentials) String() string { return c.Username + "@" + c.Host }

// GoString keeps %#v from printing the password.
func (c Credentials) GoString() string { return "playlist.Credentials{" + c.String() + "}" }

// LogValue keeps structured logs from printing the password.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// RequestURL is raw with the Placeholder replaced by the password where the
// account's password goes: the path segment after the username
// (/live/USER/PASS/ID.ts, /USER/PASS/ID), a password= parameter next to the
// username, or userinfo. Anything else is left as it is.
func (c Credentials) RequestURL(raw string) string {
	if c.Password == "" || c.Username == "" || !strings.Contains(raw, Placeholder) {
		return raw
	}
	return c.swap(raw, func(v string) bool { return v == Placeholder }, c.Password)
}

// Strip is raw with the password replaced by the Placeholder, in the places
// RequestURL fills, so a URL a provider sent can be kept without it.
func (c Credentials) Strip(raw string) string {
	if c.Password == "" || c.Username == "" || !containsSecret(raw, c.Password) {
		return raw
	}
	return c.swap(raw, func(v string) bool { return v == c.Password }, Placeholder)
}

// Stripper is Strip for many URLs: a get.php playlist's path URLs are
// stripped by one search for "/USER/PASS/", the rest by Strip.
func (c Credentials) Stripper() func(string) string {
	if c.Password == "" || c.Username == "" {
		return func(raw string) string { return raw }
	}
	user := "/" + url.PathEscape(c.Username) + "/"
	kept := user + Placeholder + "/"
	needles := []string{user + url.PathEscape(c.Password) + "/"}
	if c.Password != url.PathEscape(c.Password) && !strings.Contains(c.Password, "/") {
		needles = append(needles, user+c.Password+"/")
	}
	return func(raw string) string {
		if !strings.ContainsAny(raw, "?@#") {
			for _, n := range needles {
				if strings.Contains(raw, n) {
					return strings.ReplaceAll(raw, n, kept)
				}
			}
		}
		return c.Strip(raw)
	}
}

// Owns reports whether raw is on the account's panel.
func (c Credentials) Owns(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	return err == nil && c.Host != "" && strings.EqualFold(u.Host, c.Host)
}

func containsSecret(raw, pass string) bool {
	return strings.Contains(raw, pass) || strings.Contains(raw, url.PathEscape(pass)) || strings.Contains(raw, url.QueryEscape(pass))
}

// swap replaces the password positions whose (unescaped) value is, by is,
// with to, escaped for where it goes.
func (c Credentials) swap(raw string, is func(string) bool, to string) string {
	rest, frag, _ := strings.Cut(raw, "#")
	rest, query, hasQuery := strings.Cut(rest, "?")
	scheme, afterScheme, ok := strings.Cut(rest, "://")
	if !ok {
		return raw
	}
	authority, path, hasPath := strings.Cut(afterScheme, "/")
	authority = c.swapUserinfo(authority, is, to)
	if hasPath {
		path = c.swapPath(path, is, to)
	}
	if hasQuery {
		query = c.swapQuery(query, is, to)
	}
	var b strings.Builder
	b.WriteString(scheme + "://" + authority)
	if hasPath {
		b.WriteString("/" + path)
	}
	if hasQuery {
		b.WriteString("?" + query)
	}
	if frag != "" || strings.Contains(raw, "#") {
		b.WriteString("#" + frag)
	}
	return b.String()
}

func (c Credentials) swapUserinfo(authority string, is func(string) bool, to string) string {
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return authority
	}
	user, pass, ok := strings.Cut(authority[:at], ":")
	if !ok || unescape(user, url.PathUnescape) != c.Username || !is(unescape(pass, url.PathUnescape)) {
		return authority
	}
	return user + ":" + escapeUserinfo(to) + authority[at:]
}

func (c Credentials) swapPath(path string, is func(string) bool, to string) string {
	segs := strings.Split(path, "/")
	changed := false
	for i := 1; i < len(segs); i++ {
		if unescape(segs[i-1], url.PathUnescape) == c.Username && is(unescape(segs[i], url.PathUnescape)) {
			segs[i] = escapePath(to)
			changed = true
		}
	}
	if !changed {
		return path
	}
	return strings.Join(segs, "/")
}

func (c Credentials) swapQuery(query string, is func(string) bool, to string) string {
	pairs := strings.Split(query, "&")
	hasUser, at := false, -1
	for i, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		switch strings.ToLower(unescape(k, url.QueryUnescape)) {
		case "username":
			hasUser = hasUser || unescape(v, url.QueryUnescape) == c.Username
		case "password":
			if is(unescape(v, url.QueryUnescape)) {
				at = i
			}
		}
	}
	if !hasUser || at < 0 {
		return query
	}
	k, _, _ := strings.Cut(pairs[at], "=")
	pairs[at] = k + "=" + escapeQuery(to)
	return strings.Join(pairs, "&")
}

func unescape(s string, f func(string) (string, error)) string {
	if !strings.ContainsAny(s, "%+") {
		return s // most segments: nothing to decode, nothing to allocate
	}
	if u, err := f(s); err == nil {
		return u
	}
	return s
}

// The Placeholder is written as it is, so a kept URL shows exactly what
// MaskURL would show; a password is escaped for its place.
func escapePath(s string) string {
	if s == Placeholder {
		return s
	}
	return url.PathEscape(s)
}

func escapeQuery(s string) string {
	if s == Placeholder {
		return s
	}
	return url.QueryEscape(s)
}

func escapeUserinfo(s string) string {
	if s == Placeholder {
		return s
	}
	return url.UserPassword("", s).String()[1:]
}
