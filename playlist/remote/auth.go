package remote

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"strings"
)

// credentials answer a server's challenge. They go only to the host they
// were given for, so a redirect to another host never receives them.
type credentials struct {
	user, pass string
	host       string
}

func (c credentials) usable(u *url.URL) bool {
	return (c.user != "" || c.pass != "") && strings.EqualFold(u.Host, c.host)
}

// answer builds an Authorization header for the strongest challenge offered:
// Digest SHA-256, then Digest MD5, then Basic.
func (c credentials) answer(headers []string, u *url.URL) (string, bool) {
	var best *challenge
	for _, h := range headers {
		for _, ch := range parseChallenges(h) {
			if ch.rank() > best.rank() {
				best = &ch
			}
		}
	}
	switch {
	case best == nil || best.rank() == 0:
		return "", false
	case best.scheme == "basic":
		return "Basic " + basicToken(c.user, c.pass), true
	}
	return c.digest(best, u.RequestURI())
}

func basicToken(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

type challenge struct {
	scheme string // lower case
	params map[string]string
}

func (ch *challenge) rank() int {
	if ch == nil {
		return -1
	}
	switch ch.scheme {
	case "basic":
		return 1
	case "digest":
		if !ch.qopAuth() && ch.params["qop"] != "" {
			return 0 // only auth-int offered, which needs the body
		}
		switch strings.ToUpper(ch.params["algorithm"]) {
		case "", "MD5", "MD5-SESS":
			return 2
		case "SHA-256", "SHA-256-SESS":
			return 3
		}
	}
	return 0
}

func (ch *challenge) qopAuth() bool {
	for _, q := range strings.Split(ch.params["qop"], ",") {
		if strings.EqualFold(strings.TrimSpace(q), "auth") {
			return true
		}
	}
	return false
}

// digest answers an RFC 7616 challenge with qop=auth (or the RFC 2069 form
// when the server offers no qop).
func (c credentials) digest(ch *challenge, uri string) (string, bool) {
	alg := strings.ToUpper(ch.params["algorithm"])
	var newHash func() hash.Hash = md5.New
	if strings.HasPrefix(alg, "SHA-256") {
		newHash = sha256.New
	}
	h := func(s string) string {
		x := newHash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	realm, nonce := ch.params["realm"], ch.params["nonce"]
	cnonce := newCnonce()
	ha1 := h(c.user + ":" + realm + ":" + c.pass)
	if strings.HasSuffix(alg, "-SESS") {
		ha1 = h(ha1 + ":" + nonce + ":" + cnonce)
	}
	ha2 := h("GET:" + uri)
	const nc = "00000001"
	var b strings.Builder
	fmt.Fprintf(&b, `Digest username=%s, realm=%s, nonce=%s, uri=%s`, quote(c.user), quote(realm), quote(nonce), quote(uri))
	if ch.qopAuth() {
		resp := h(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
		fmt.Fprintf(&b, `, qop=auth, nc=%s, cnonce=%s, response=%s`, nc, quote(cnonce), quote(resp))
	} else {
		fmt.Fprintf(&b, `, response=%s`, quote(h(ha1+":"+nonce+":"+ha2)))
	}
	if alg != "" {
		fmt.Fprintf(&b, `, algorithm=%s`, ch.params["algorithm"])
	}
	if op, ok := ch.params["opaque"]; ok {
		fmt.Fprintf(&b, `, opaque=%s`, quote(op))
	}
	return b.String(), true
}

func newCnonce() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// parseChallenges splits one WWW-Authenticate value, which may hold several
// challenges separated by commas: a token not followed by "=" starts a new
// challenge, anything else is an auth-param of the current one.
func parseChallenges(h string) []challenge {
	var out []challenge
	s := h
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return out
		}
		tok, rest := token(s)
		if tok == "" {
			return out // garbage; keep what was understood
		}
		rest = strings.TrimLeft(rest, " \t")
		if tail, ok := token68Tail(rest); ok {
			s = tail // a token68 credential (e.g. Negotiate data): nothing to keep
			continue
		}
		if strings.HasPrefix(rest, "=") && len(out) > 0 {
			val, after := paramValue(rest[1:])
			out[len(out)-1].params[strings.ToLower(tok)] = val
			s = after
			continue
		}
		out = append(out, challenge{scheme: strings.ToLower(tok), params: map[string]string{}})
		s = rest
	}
}

// token68Tail spots the "=" padding that ends a token68, so it is not read
// as a parameter with an empty value.
func token68Tail(s string) (string, bool) {
	if !strings.HasPrefix(s, "=") {
		return s, false
	}
	t := strings.TrimLeft(strings.TrimLeft(s, "="), " \t")
	if t == "" || t[0] == ',' {
		return t, true
	}
	return s, false
}

func token(s string) (string, string) {
	i := 0
	for i < len(s) && isTokenChar(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func isTokenChar(c byte) bool {
	return c > ' ' && c < 0x7f && !strings.ContainsRune(`"(),/:;<=>?@[\]{}`, rune(c))
}

func paramValue(s string) (string, string) {
	s = strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(s, `"`) {
		i := strings.IndexAny(s, ", \t")
		if i < 0 {
			return s, ""
		}
		return s[:i], s[i:]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), ""
}
