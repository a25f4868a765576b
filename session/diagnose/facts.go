package diagnose

import (
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Time windows in which tuner's own earlier session can still hold the slot.
const (
	// HLSGrace is how long panels keep counting an HLS session after its
	// last request; they differ between 30 and 60 seconds.
	HLSGrace = 60 * time.Second
	// hlsWindow allows for clock skew and a slow panel beyond HLSGrace.
	hlsWindow = 2 * HLSGrace
	// tsWindow: some panels notice a closed TS connection only after a
	// moment (up to a few seconds); tuner retries a zap for about 4 s, so a
	// refusal this soon after its own close is most likely that close.
	tsWindow = 15 * time.Second
	// recoveredWindow: after a crash with a dropped network, the provider may
	// keep a TS connection until its own TCP timeout, often many minutes.
	recoveredWindow = 30 * time.Minute
	// DefaultCoolDown is the wait suggested after a rate limit that named no
	// Retry-After.
	DefaultCoolDown = 10 * time.Minute
	// maxExcerpt bounds the body text quoted in the evidence.
	maxExcerpt = 120
)

// ownReason is why one of tuner's own leases explains an occupied slot.
type ownReason int

const (
	ownNone      ownReason = iota
	ownHeld                // another tuner on this machine holds it now
	ownRecovered           // tuner crashed recently; the provider may not have seen the stop
	ownHLSRecent           // an HLS stream stopped moments ago
	ownTSRecent            // a TS stream closed seconds ago, not yet counted by a slow panel
)

// facts is Evidence digested into what the classifier and the texts need.
type facts struct {
	e      Evidence
	now    time.Time
	status int    // 0 when there was no HTTP answer
	body   string // cleaned, masked, shortened body text
	iis    string // IIS 401 substatus found in the body, e.g. "401.1"

	schemes     []string // WWW-Authenticate schemes, e.g. "Basic"
	bearerError string   // error="..." of a Bearer challenge

	retryAfter    time.Duration
	hasRetryAfter bool

	acct           *playlist.Account
	inUse, allowed int
	full           bool // the account shows every slot in use
	bodySaysLimit  bool // the body says the connection limit is reached
	own            LeaseFact
	ownWhy         ownReason

	net netProblem
}

func gather(e Evidence) *facts {
	f := &facts{e: e, now: e.Now, acct: e.Account}
	if f.now.IsZero() {
		f.now = time.Now()
	}
	if r := e.Refusal; r != nil {
		f.status = r.Status
		f.body = excerpt(r.Body)
		f.iis = iisSubstatus(r.Body)
		f.bodySaysLimit = limitText.Match(r.Body)
		f.schemes, f.bearerError = challenges(r.Header)
		f.retryAfter, f.hasRetryAfter = retryAfter(r.Header, f.now)
		if r.Err != nil && r.Status == 0 {
			f.net = classifyNet(r.Err)
		}
	}
	if a := e.Account; a != nil {
		f.inUse, f.allowed = a.ActiveConnections, a.MaxConnections
		f.full = a.MaxConnections > 0 && a.ActiveConnections >= a.MaxConnections
	}
	f.own, f.ownWhy = ownExplains(e.Own, f.now)
	return f
}

// ownExplains picks the lease of tuner's own that best explains an occupied
// slot: one still held, then the newest recent crash or HLS stop.
func ownExplains(own []LeaseFact, now time.Time) (LeaseFact, ownReason) {
	var best LeaseFact
	why := ownNone
	for _, l := range own {
		r := ownReasonOf(l, now)
		if r == ownNone {
			continue
		}
		if why == ownNone || explainsBetter(l, r, best, why) {
			best, why = l, r
		}
	}
	return best, why
}

// explainsBetter prefers a lease still held, then the most recent release.
func explainsBetter(l LeaseFact, r ownReason, best LeaseFact, why ownReason) bool {
	if (r == ownHeld) != (why == ownHeld) {
		return r == ownHeld
	}
	return l.ReleasedAt.After(best.ReleasedAt)
}

func ownReasonOf(l LeaseFact, now time.Time) ownReason {
	if l.How == Held {
		return ownHeld
	}
	since := now.Sub(l.ReleasedAt)
	switch {
	case since < 0:
		return ownNone
	case l.How == Recovered && since <= recoveredWindow:
		return ownRecovered
	case l.HLS && since <= hlsWindow:
		return ownHLSRecent
	case !l.HLS && l.Opened && since <= tsWindow:
		return ownTSRecent
	}
	return ownNone
}

// latestClean is the time of tuner's last clean stop, zero when none.
func latestClean(own []LeaseFact) time.Time {
	var t time.Time
	for _, l := range own {
		if l.How == Clean && l.ReleasedAt.After(t) {
			t = l.ReleasedAt
		}
	}
	return t
}

var (
	// IIS detailed error pages name the substatus ("HTTP Error 401.1 -
	// Unauthorized"); the longer 401.50x codes must be tried first.
	iisCode = regexp.MustCompile(`\b401\.(50[1-4]|[1-57])\b`)
	// Panels that explain a full account say so in a few common ways.
	limitText = regexp.MustCompile(`(?i)max(imum)?[ _-]*connections?\b[^.{}]{0,20}\b(reached|exceeded|limit)|` +
		`connections? limit|too many (connections|streams|devices)`)
	scriptTag = regexp.MustCompile(`(?is)<script\b.*?</script>`)
	styleTag  = regexp.MustCompile(`(?is)<style\b.*?</style>`)
	anyTag    = regexp.MustCompile(`(?s)<[^>]*>`)
)

func iisSubstatus(body []byte) string {
	m := iisCode.FindSubmatch(body)
	if m == nil {
		return ""
	}
	return "401." + string(m[1])
}

// excerpt turns a body into one short line that is safe to print: tags and
// control characters (a hostile body could carry terminal escapes) removed,
// any URL password masked.
func excerpt(body []byte) string {
	s := strings.ToValidUTF8(string(body), "?")
	s = scriptTag.ReplaceAllString(s, " ")
	s = styleTag.ReplaceAllString(s, " ")
	s = anyTag.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = playlist.OneLine(s)
	s = playlist.MaskURL(s)
	return truncate(s, maxExcerpt)
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// challenges returns the auth schemes of every WWW-Authenticate header, in
// canonical spelling, and the error parameter of a Bearer challenge.
func challenges(h http.Header) (schemes []string, bearerErr string) {
	for _, v := range h.Values("WWW-Authenticate") {
		v = playlist.OneLine(v)
		name, rest, _ := strings.Cut(v, " ")
		name = strings.TrimRight(name, ",")
		if name == "" {
			continue
		}
		name = canonicalScheme(name)
		schemes = append(schemes, name)
		if name == "Bearer" && bearerErr == "" {
			bearerErr = authParam(rest, "error")
		}
	}
	return schemes, bearerErr
}

func canonicalScheme(s string) string {
	for _, k := range []string{"Basic", "Bearer", "Digest", "Negotiate", "NTLM"} {
		if strings.EqualFold(s, k) {
			return k
		}
	}
	return truncate(s, 20)
}

// authParam finds name="value" (or name=value) in a challenge's parameters.
func authParam(params, name string) string {
	for _, p := range strings.Split(params, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return truncate(strings.Trim(strings.TrimSpace(v), `"`), 40)
		}
	}
	return ""
}

// retryAfter reads Retry-After as seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// titleKind is "movie" or "episode" when the refused URL is one (Xtream's
// /movie/ and /series/ forms, which the masked URL keeps), "" otherwise.
func (f *facts) titleKind() string {
	if f.e.Refusal == nil {
		return ""
	}
	switch playlist.KindOfURL(f.e.Refusal.URL) {
	case playlist.KindMovie:
		return "movie"
	case playlist.KindEpisode:
		return "episode"
	}
	return ""
}
