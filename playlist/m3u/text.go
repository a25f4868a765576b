package m3u

import (
	"bytes"
	"net/url"
	"unicode/utf8"
)

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

func trimBlank(b []byte) []byte {
	for len(b) > 0 && isBlank(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isBlank(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// hasPrefixFold reports whether b starts with the upper-case ASCII prefix p,
// ignoring case.
func hasPrefixFold(b []byte, p string) bool {
	if len(b) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := b[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// afterColon returns what follows the tag's first ':' ("" when none).
func afterColon(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return trimBlank(b[i+1:])
	}
	return nil
}

// appendValid appends b with every run of invalid UTF-8 replaced by U+FFFD, as
// strings.ToValidUTF8 does, without allocating when dst has room.
func appendValid(dst, b []byte) []byte {
	invalid := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			if !invalid {
				dst = append(dst, "\uFFFD"...)
				invalid = true
			}
		} else {
			dst = append(dst, b[:n]...)
			invalid = false
		}
		b = b[n:]
	}
	return dst
}

// looksLikeURL reports whether a line outside any #EXTINF is a stream address
// (scheme://...), which is what lets a bare list of URLs count as a playlist
// while an HTML or JSON page does not.
func looksLikeURL(b []byte) bool {
	i := 0
	for i < len(b) && i < 32 {
		c := b[i]
		isAlpha := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !isAlpha && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			break
		}
		i++
	}
	return i > 0 && bytes.HasPrefix(b[i:], []byte("://"))
}

// nameFromURL names a channel that has no #EXTINF name: the last element of
// the URL's path, else (whole is true) the URL itself.
func nameFromURL(u []byte) (name []byte, whole bool) {
	if i := bytes.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	path := u
	if i := bytes.Index(u, []byte("://")); i >= 0 {
		rest := u[i+3:]
		j := bytes.IndexByte(rest, '/')
		if j < 0 {
			return u, true
		}
		path = rest[j:]
	}
	path = bytes.TrimRight(path, "/")
	elem := trimBlank(unescapeValue(path[bytes.LastIndexByte(path, '/')+1:]))
	if len(elem) == 0 {
		return u, true
	}
	return elem, false
}

// unescapeValue decodes the %XX escapes of a header value given in a
// URL|User-Agent=.. suffix or a #KODIPROP header list. A '+' stays a '+': it is
// far more often part of a user agent than a stand-in for a space. A value that
// is not valid escaping is kept as written.
func unescapeValue(v []byte) []byte {
	if bytes.IndexByte(v, '%') < 0 {
		return v
	}
	s, err := url.PathUnescape(string(v))
	if err != nil || !utf8.ValidString(s) {
		return v
	}
	return []byte(s)
}
