package source

import (
	"net"
	"net/url"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// AccountKey identifies the provider account behind src: its panel's host and
// port and its username, however the account was given (--xtream, a config
// entry, a get.php URL) and whatever it is called. "" when src is no account.
func AccountKey(src playlist.Source) string {
	x, ok := src.(*Xtream)
	if !ok {
		return ""
	}
	u, err := url.Parse(xtream.NormalizeBase(x.c.BaseURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"https": "443"}[strings.ToLower(u.Scheme)]
		if port == "" {
			port = "80"
		}
	}
	return strings.ToLower(net.JoinHostPort(host, port)) + " " + x.c.Username
}

// Dedupe keeps one source per provider account, at the place of its first
// occurrence: the one given a name (a config entry) when there is one, so its
// name and settings stay. Sources that are not accounts pass unchanged.
func Dedupe(srcs []playlist.Source) []playlist.Source {
	at := map[string]int{}
	out := make([]playlist.Source, 0, len(srcs))
	for _, s := range srcs {
		k := AccountKey(s)
		if k == "" {
			out = append(out, s)
			continue
		}
		if i, seen := at[k]; seen {
			if named(s) && !named(out[i]) {
				out[i] = s
			}
			continue
		}
		at[k] = len(out)
		out = append(out, s)
	}
	return out
}

func named(s playlist.Source) bool {
	x, ok := s.(*Xtream)
	return ok && x.label != ""
}
