package playlist

import (
	"net/url"
	"regexp"
	"strings"
)

// Masked stands in for a secret wherever one would be printed.
const Masked = "***"

var (
	// Query parameters that carry a password in provider URLs.
	secretQuery = regexp.MustCompile(`(?i)([?&](?:password|pass|pwd|passwd|token|api_key|apikey)=)[^&#\s"']*`)
	// userinfo in any URL inside a longer text: scheme://user:secret@. The
	// secret runs to the last @ of the authority, as URL parsers read it, so
	// a password with an unescaped @ is hidden whole.
	secretUserinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://[^/@\s:"']*:)[^/?#\s"']*@`)
	// Xtream stream paths: /live/USER/PASS/ID.ts, also movie and series, and
	// catch-up: /timeshift/USER/PASS/DURATION/START/ID.ts.
	secretPath = regexp.MustCompile(`(/(?:live|movie|series|timeshift)/[^/\s?#"']+/)[^/\s?#"']+(/)`)
	// The short Xtream form of type=m3u playlists: host/USER/PASS/ID, the ID
	// a number with no extension or .ts, so that CDN paths keep their names.
	secretShortPath = regexp.MustCompile(`(://[^/\s?#"']+/[^/\s?#"']+/)[^/\s?#"']+(/\d+(?:\.ts)?)([?#\s"']|$)`)
)

// MaskURL hides the password in every form a provider URL carries it:
// "user:***@host", "password=***", "/live/user/***/1.ts", "/user/***/1". It works on any
// text, so an error message that quotes a URL can be passed through whole.
func MaskURL(s string) string {
	if s == "" {
		return s
	}
	// Each pattern runs only where the text has what it needs: most URLs
	// in a playlist carry no secret, and tuner list masks every one.
	if strings.Contains(s, "@") {
		s = secretUserinfo.ReplaceAllString(s, "${1}"+Masked+"@")
	}
	if strings.Contains(s, "=") {
		s = secretQuery.ReplaceAllString(s, "${1}"+Masked)
	}
	if strings.Contains(s, "/live/") || strings.Contains(s, "/movie/") || strings.Contains(s, "/series/") || strings.Contains(s, "/timeshift/") {
		s = secretPath.ReplaceAllString(s, "${1}"+Masked+"${2}")
	}
	if strings.Contains(s, "://") {
		s = secretShortPath.ReplaceAllString(s, "${1}"+Masked+"${2}${3}")
	}
	return s
}

// MaskSecret replaces every occurrence of the given secrets in s. It is the
// last line of defence for text whose shape is unknown (a player's output, an
// error from a library), used together with MaskURL.
func MaskSecret(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) < 2 {
			continue // masking single characters would garble the text
		}
		s = strings.ReplaceAll(s, sec, Masked)
		if esc := url.QueryEscape(sec); esc != sec {
			s = strings.ReplaceAll(s, esc, Masked)
		}
		if esc := url.PathEscape(sec); esc != sec {
			s = strings.ReplaceAll(s, esc, Masked)
		}
	}
	return s
}
