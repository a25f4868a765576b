package httpc

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// portable are the headers that may follow a redirect to another host: they
// describe what tuner asks for and who asks, never a secret.
var portable = []string{"User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Range", "If-Range"}

// redirectPolicy runs after Go's client has copied the first request's
// headers onto the next hop and added its own Referer. It undoes both where
// they do not belong.
func redirectPolicy(o Options) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > o.MaxRedirects {
			return ErrTooManyRedirects
		}
		first := via[0]
		if SameHost(first.URL, req.URL) {
			// Only a Referer the caller set itself survives.
			if ref := first.Header.Get("Referer"); ref != "" {
				req.Header.Set("Referer", ref)
			} else {
				req.Header.Del("Referer")
			}
			return nil
		}
		keepPortable(req.Header)
		if dropped := ownHeaders(first.Header); len(dropped) > 0 {
			o.Log.Debug("redirect to another host: the request's own headers are not sent there",
				"from", first.URL.Host, "to", req.URL.Host, "headers", strings.Join(dropped, ","))
		}
		return nil
	}
}

// keepPortable removes every header but the portable ones, Go's Referer
// among them.
func keepPortable(h http.Header) {
	for k := range h {
		if !slices.Contains(portable, k) {
			delete(h, k)
		}
	}
}

// ownHeaders names the first request's headers that stay behind, for the
// log: names only, since values may be secrets.
func ownHeaders(h http.Header) []string {
	var names []string
	for k := range h {
		if !slices.Contains(portable, k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return names
}

// SameHost reports whether a and b name the same host and port, the
// scheme's default port filled in, so http://h and http://h:80 are one host
// while another port on the same name is not.
func SameHost(a, b *url.URL) bool {
	return strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
