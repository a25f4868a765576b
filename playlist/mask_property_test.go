package playlist

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// The property: whatever URL tuner prints, in whatever text around it, the
// password is gone once MaskURL and MaskSecret have run. URLs written the way
// net/url writes them must be safe with MaskURL alone, since a password from
// the config or the keyring may not be in the list MaskSecret is given.

const maskTrials = 3000

// pwChars mixes letters with every character that URL escaping treats
// specially, a space, and non-ASCII letters.
var pwChars = []rune("abcXYZ0189!$&'()*+,;=:@/?#[]%~-._ \"<>\\^`{|}éü€")

// randomPassword is 6 to 24 characters with at least one capital and one
// digit. The rest of each URL uses no capitals next to digits, so finding
// the password in the output can only mean it leaked.
func randomPassword(r *rand.Rand) string {
	n := 6 + r.IntN(19)
	b := []rune{rune('A' + r.IntN(26)), rune('2' + r.IntN(6))}
	for len(b) < n {
		b = append(b, pwChars[r.IntN(len(pwChars))])
	}
	r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	return string(b)
}

func randomWord(r *rand.Rand, min, max int) string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, min+r.IntN(max-min+1))
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

func randomHost(r *rand.Rand) string {
	h := randomWord(r, 3, 10) + "." + []string{"com", "tv", "example", "net"}[r.IntN(4)]
	if r.IntN(2) == 0 {
		h += fmt.Sprintf(":%d", 1+r.IntN(65535))
	}
	return []string{"http://", "https://", "HTTP://"}[r.IntN(3)] + h
}

// randomCase spells a query key in any mix of capitals.
func randomCase(r *rand.Rand, s string) string {
	b := []byte(s)
	for i := range b {
		if r.IntN(2) == 0 {
			b[i] = strings.ToUpper(string(b[i]))[0]
		}
	}
	return string(b)
}

// urlForm builds one kind of URL around a password; esc says how the
// password is written (escaped as net/url would, or raw as some panels do).
type urlForm func(r *rand.Rand, user, pw string, esc func(string) string) string

var urlForms = map[string]urlForm{
	"userinfo": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		u := randomHost(r)
		i := strings.Index(u, "://") + 3
		return u[:i] + user + ":" + esc(pw) + "@" + u[i:] + []string{"", "/", "/list.m3u", "/get.php?type=m3u"}[r.IntN(4)]
	},
	"password query": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		params := []string{"username=" + user, "type=m3u_plus", "output=" + []string{"ts", "m3u8", "hls"}[r.IntN(3)], "action=get_live_streams"}
		params = params[:1+r.IntN(len(params))]
		pos := r.IntN(len(params) + 1)
		key := randomCase(r, []string{"password", "pass", "pwd", "passwd"}[r.IntN(4)])
		params = append(params[:pos], append([]string{key + "=" + esc(pw)}, params[pos:]...)...)
		page := []string{"/get.php", "/player_api.php", "/xmltv.php", "/panel_api.php"}[r.IntN(4)]
		u := randomHost(r) + page + "?" + strings.Join(params, "&")
		if r.IntN(4) == 0 {
			u += "#top"
		}
		return u
	},
	"stream path": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		kind := []string{"live", "movie", "series"}[r.IntN(3)]
		ext := []string{".ts", ".m3u8", ".mkv", ".mp4", ""}[r.IntN(5)]
		u := fmt.Sprintf("%s/%s/%s/%s/%d%s", randomHost(r), kind, user, esc(pw), r.IntN(1e6), ext)
		if r.IntN(4) == 0 {
			u += "?token=" + randomWord(r, 4, 8)
		}
		return u
	},
	"short path": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		return fmt.Sprintf("%s/%s/%s/%d%s", randomHost(r), user, esc(pw), r.IntN(1e6), []string{"", ".ts"}[r.IntN(2)])
	},
	"timeshift path": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		start := fmt.Sprintf("20%02d-%02d-%02d:%02d-%02d", r.IntN(30), 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60))
		return fmt.Sprintf("%s/timeshift/%s/%s/%d/%s/%d.ts", randomHost(r), user, esc(pw), 30+r.IntN(300), start, r.IntN(1e6))
	},
	"timeshift.php": func(r *rand.Rand, user, pw string, esc func(string) string) string {
		return fmt.Sprintf("%s/streaming/timeshift.php?username=%s&%s=%s&stream=%d&start=2024-01-02:10-00&duration=%d",
			randomHost(r), user, randomCase(r, "password"), esc(pw), r.IntN(1e6), 30+r.IntN(300))
	},
}

// surroundings are the texts tuner prints URLs in.
var surroundings = []string{"%s", "Get %q: EOF", "x\t%s\ty", "'%s'", "refused %s (401)", "%s\n%s"}

// escapers are how a password may be written into a URL by net/url.
var escapers = map[string]func(string) string{
	"userinfo": func(pw string) string {
		s := url.UserPassword("u", pw).String()
		return s[strings.IndexByte(s, ':')+1:]
	},
	"password query": url.QueryEscape,
	"stream path":    url.PathEscape,
	"short path":     url.PathEscape,
	"timeshift path": url.PathEscape,
	"timeshift.php":  url.QueryEscape,
}

func TestMaskURLHidesEscapedPasswords(t *testing.T) {
	for name, form := range urlForms {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(name))))
			for range maskTrials {
				user, pw := randomWord(r, 1, 12), randomPassword(r)
				in := inText(r, form(r, user, pw, escapers[name]))
				if out := MaskURL(in); leaks(out, pw) {
					t.Fatalf("password %q leaks:\n in: %s\nout: %s", pw, in, out)
				}
			}
		})
	}
}

// Passwords written other ways than net/url's: raw, as some panels write
// them, escaped for another part of the URL, or with lowercase hex. A URL
// only counts when a URL parser still reads the password back from it, since
// no provider can use one that does not.
func TestMaskURLAndSecretHidePasswordsWrittenAnyWay(t *testing.T) {
	writers := map[string]func(string) string{
		"raw":       func(s string) string { return s },
		"query":     url.QueryEscape,
		"path":      url.PathEscape,
		"lower hex": func(s string) string { return lowerHex(url.QueryEscape(s)) },
	}
	for name, form := range urlForms {
		for wname, w := range writers {
			t.Run(name+"/"+wname, func(t *testing.T) {
				r := rand.New(rand.NewPCG(2, uint64(len(name)*31+len(wname))))
				tried := 0
				for range maskTrials {
					user, pw := randomWord(r, 1, 12), randomPassword(r)
					u := form(r, user, pw, w)
					if !carries(u, user, pw) {
						continue
					}
					tried++
					in := inText(r, u)
					if out := MaskSecret(MaskURL(in), pw); leaks(out, pw) {
						t.Fatalf("password %q leaks:\n in: %s\nout: %s", pw, in, out)
					}
				}
				if tried < 10 {
					t.Fatalf("only %d of %d URLs carried their password; the generator is off", tried, maskTrials)
				}
			})
		}
	}
}

// carries reports whether a URL parser reads pw back from u, in whichever
// place the form put it.
func carries(u, user, pw string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	if got, ok := p.User.Password(); ok {
		return got == pw
	}
	for k, v := range p.Query() {
		if strings.EqualFold(k, "password") || strings.EqualFold(k, "pass") || strings.EqualFold(k, "pwd") || strings.EqualFold(k, "passwd") {
			return len(v) == 1 && v[0] == pw
		}
	}
	parts := strings.Split(p.Path, "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i+1] == user {
			return parts[i+2] == pw
		}
	}
	return false
}

func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = toLower(b[i+1]), toLower(b[i+2])
		}
	}
	return string(b)
}

func toLower(c byte) byte {
	if 'A' <= c && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// The holes the properties found, kept as plain cases.
func TestMaskURLFoundByProperty(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"timeshift path", "http://h/timeshift/alice/s3cret/120/2024-01-02:10-00/7.ts", "http://h/timeshift/alice/***/120/2024-01-02:10-00/7.ts"},
		{"userinfo with raw @", "http://alice:p@ss@h/x", "http://alice:***@h/x"},
		{"@ in the query after userinfo", "http://alice:pw@h/x?to=a@b", "http://alice:***@h/x?to=a@b"},
		{"short xtream path", "http://h:8080/alice/s3cret/123", "http://h:8080/alice/***/123"},
		{"short xtream path in text", `Get "http://h/alice/s3cret/123.ts": EOF`, `Get "http://h/alice/***/123.ts": EOF`},
		{"CDN path keeps its names", "https://cdn.example/iPhone/1501/1501.m3u8", "https://cdn.example/iPhone/1501/1501.m3u8"},
		{"deeper path keeps its names", "https://cdn.example/a/b/c/123", "https://cdn.example/a/b/c/123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskURL(tt.in); got != tt.want {
				t.Errorf("MaskURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func inText(r *rand.Rand, u string) string {
	f := surroundings[r.IntN(len(surroundings))]
	return strings.ReplaceAll(f, "%s", u)
}

// leaks reports whether out still holds pw, as written or in any escaping a
// reader could undo.
func leaks(out, pw string) bool {
	if strings.Contains(out, pw) || strings.Contains(out, strings.Trim(strconv.Quote(pw), `"`)) {
		return true
	}
	for _, dec := range []func(string) (string, error){url.PathUnescape, url.QueryUnescape, lenientUnescape} {
		if s, err := dec(out); err == nil && strings.Contains(s, pw) {
			return true
		}
	}
	return false
}

// lenientUnescape decodes every valid %XX and leaves the rest, as browsers
// and players do.
func lenientUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := url.PathUnescape(s[i : i+3]); err == nil {
				b.WriteString(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// BenchmarkMaskURL masks the URLs `tuner list` prints, one per channel.
func BenchmarkMaskURL(b *testing.B) {
	urls := []string{
		"http://provider.example:8080/live/alice/s3cret/123456.ts",
		"http://provider.example:8080/alice/s3cret/123456",
		"https://cdn.example.com/hls/channel-one/index.m3u8",
		"http://provider.example:8080/get.php?username=alice&password=s3cret&type=m3u_plus",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		MaskURL(urls[i%len(urls)])
	}
}
