package diagnose

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// diagCase is one recorded refusal and what tuner must make of it.
type diagCase struct {
	name       string
	resp       string // testdata/responses/NAME.http; "" for none
	netErr     error  // a failure without an HTTP answer
	account    string // testdata/accounts/NAME.json; "" for none
	accountErr error
	source     SourceKind
	own        []LeaseFact
	route      string // set: the public route changed, with this detail

	kind     Kind
	title    string   // "" to skip
	evidence []string // each must be a substring of some evidence line
	retry    time.Duration
	canWait  bool
}

func ago(d time.Duration) time.Time { return testNow.Add(-d) }

var errAPI = &url.Error{Op: "Get", URL: "http://provider.example:8080/player_api.php?username=alice&password=" + testPassword,
	Err: errors.New("connection reset by peer")}

func diagCases() []diagCase {
	hlsStop := LeaseFact{Channel: "UK | BBC One", ReleasedAt: ago(20 * time.Second), How: Clean, HLS: true}
	return []diagCase{
		{name: "slot taken by another device, confirmed by account", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			kind: SlotOther, title: "Connection slot in use", canWait: true,
			evidence: []string{"provider answered HTTP 401 Unauthorized with an empty body", "account allows 1 connection, 1 in use", "tuner holds no lease on this account"}},
		{name: "slot taken on a two-connection account", resp: "401-empty", account: "full-2of2", source: SourceXtream,
			own:  []LeaseFact{{Channel: "US | CNN", ReleasedAt: ago(2 * time.Hour), How: Clean}},
			kind: SlotOther, canWait: true,
			evidence: []string{"account allows 2 connections, 2 in use", "last clean stop was 2 h ago"}},
		{name: "401 without account info reads as a taken slot", resp: "401-empty", accountErr: errAPI, source: SourceXtream,
			kind: SlotOther, canWait: true,
			evidence: []string{"account info could not be read: Get \"http://provider.example:8080/player_api.php?username=alice&password=***\""}},
		{name: "401 on a plain playlist has no account to poll", resp: "401-empty", source: SourceHTTP,
			kind: SlotOther, canWait: false, evidence: []string{"this source has no account info"}},
		{name: "403 whose body says the connection limit is reached", resp: "403-max-connections", source: SourceHTTP,
			kind: SlotOther, evidence: []string{"connection limit is reached", `the text "{"error":"Max connections reached for this line"}"`}},
		{name: "Xtream 401 with WWW-Authenticate is still a slot", resp: "401-basic", account: "full-1of1", source: SourceXtream,
			kind: SlotOther, canWait: true},

		{name: "own HLS stream stopped 20 s ago", resp: "401-empty", account: "full-1of1", source: SourceXtream, own: []LeaseFact{hlsStop},
			kind: SlotOwnEarlier, title: "Slot still counted for tuner's last stream", retry: 40 * time.Second, canWait: true,
			evidence: []string{"tuner released its last session (UK | BBC One) 20 s ago (HLS: panels keep counting for 30-60 s)"}},
		{name: "own HLS stop without account info", resp: "401-empty", accountErr: errAPI, source: SourceXtream, own: []LeaseFact{hlsStop},
			kind: SlotOwnEarlier, retry: 40 * time.Second, canWait: true},
		{name: "own lease recovered after a crash", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{Channel: "DE | ARD", ReleasedAt: ago(3 * time.Minute), How: Recovered}},
			kind: SlotOwnEarlier, title: "Slot held by tuner's last session", canWait: true,
			evidence: []string{"recovered after a crash 3 min ago"}},
		{name: "another tuner on this machine holds the slot", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{Channel: "FR | TF1", StartedAt: ago(time.Hour)}},
			kind: SlotOwnEarlier, title: "Slot held by another tuner", canWait: true,
			evidence: []string{"another tuner on this machine holds a lease on this account (FR | TF1)"}},
		{name: "own TS stream closed 4 s ago on a slow panel", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{Channel: "UK | BBC One", ReleasedAt: ago(4 * time.Second), How: Clean, Opened: true}},
			kind: SlotOwnEarlier, title: "Slot still counted for tuner's last stream", retry: MinInterval, canWait: true,
			evidence: []string{"tuner closed its last stream (UK | BBC One) 4 s ago"}},
		{name: "own TS close without account info", resp: "401-empty", source: SourceHTTP,
			own:  []LeaseFact{{Channel: "UK | BBC One", ReleasedAt: ago(time.Second), How: Clean, Opened: true}},
			kind: SlotOwnEarlier, retry: MinInterval, evidence: []string{"1 s ago"}},
		{name: "a refused TS attempt seconds ago held no slot", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{Channel: "UK | BBC One", ReleasedAt: ago(4 * time.Second), How: Clean}},
			kind: SlotOther, canWait: true},
		{name: "TS close a minute ago does not explain the slot", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{ReleasedAt: ago(time.Minute), How: Clean, Opened: true}},
			kind: SlotOther, canWait: true},
		{name: "HLS stop long ago does not explain the slot", resp: "401-empty", account: "full-1of1", source: SourceXtream,
			own:  []LeaseFact{{ReleasedAt: ago(10 * time.Minute), How: Clean, HLS: true}},
			kind: SlotOther, canWait: true},

		{name: "account info says auth 0", resp: "401-empty", account: "auth0", source: SourceXtream,
			kind: Credentials, title: "Username or password rejected", evidence: []string{"auth 0"}},
		{name: "Basic challenge on a plain playlist", resp: "401-basic", source: SourceHTTP,
			kind: Credentials, evidence: []string{"WWW-Authenticate asks for Basic credentials"}},
		{name: "Digest challenge on a plain playlist", resp: "401-digest", source: SourceHTTP,
			kind: Credentials, evidence: []string{"WWW-Authenticate asks for Digest credentials"}},
		{name: "expired Bearer token", resp: "401-bearer-expired", source: SourceHTTP,
			kind: Credentials, evidence: []string{`Bearer credentials (error "invalid_token")`}},
		{name: "IIS 401.1 logon failed", resp: "401-iis-1", source: SourceHTTP,
			kind: Credentials, evidence: []string{"IIS substatus 401.1: logon failed", "HTTP Error 401.1 - Unauthorized"}},

		{name: "account status Expired", resp: "403-empty", account: "expired-status", source: SourceXtream,
			kind: Expired, title: "Subscription expired", evidence: []string{"account status Expired, expired on 2026-09-21 (63 days ago)"}},
		{name: "active account past its exp_date", resp: "403-empty", account: "expired-date", source: SourceXtream,
			kind: Expired, evidence: []string{"expired on 2026-09-21"}},
		{name: "account banned", resp: "403-empty", account: "banned", source: SourceXtream,
			kind: Banned, title: "Account banned", evidence: []string{"account status Banned"}},
		{name: "account disabled", resp: "403-empty", account: "disabled", source: SourceXtream,
			kind: Disabled, title: "Account disabled", evidence: []string{"account status Disabled"}},

		{name: "401 while the account has a free slot", resp: "401-empty", account: "free-0of1", source: SourceXtream,
			kind: IPLock, title: "Refused from this address", evidence: []string{"account allows 1 connection, 0 in use"}},
		{name: "403 with a free slot after the route changed", resp: "403-empty", account: "free-1of2", source: SourceXtream,
			route: "public address 203.0.113.5 -> 198.51.100.7 (VPN)",
			kind:  IPLock, evidence: []string{"the public route changed since the last session: public address 203.0.113.5 -> 198.51.100.7 (VPN)"}},
		{name: "IIS 401.503 address on the deny list", resp: "401-iis-503", source: SourceHTTP,
			kind: IPLock, evidence: []string{"IIS substatus 401.503"}},

		{name: "429 with Retry-After seconds", resp: "429-seconds", account: "free-0of1", source: SourceXtream,
			kind: RateLimited, title: "Too many requests", retry: 2 * time.Minute, evidence: []string{"Retry-After asks to wait 2 min"}},
		{name: "429 with Retry-After date", resp: "429-date", source: SourceXtream,
			kind: RateLimited, retry: 5 * time.Minute, evidence: []string{"Retry-After asks to wait 5 min"}},
		{name: "429 without Retry-After cools down", resp: "429-bare", source: SourceHTTP,
			kind: RateLimited, retry: DefaultCoolDown},
		{name: "IIS 401.501 dynamic IP restriction", resp: "401-iis-501", source: SourceHTTP,
			kind: RateLimited, retry: DefaultCoolDown, evidence: []string{"IIS substatus 401.501"}},

		{name: "403 on a plain playlist", resp: "403-empty", source: SourceHTTP,
			kind: Forbidden, title: "Access forbidden", evidence: []string{"HTTP 403 Forbidden with an empty body"}},
		{name: "IIS 401.3 access list", resp: "401-iis-3", source: SourceHTTP,
			kind: Forbidden, evidence: []string{"IIS substatus 401.3"}},
		{name: "404 channel gone", resp: "404", account: "free-0of1", source: SourceXtream,
			kind: Gone, title: "Channel not found", evidence: []string{`HTTP 404 Not Found with the text "404 Not Found 404 Not Found nginx"`}},
		{name: "410 channel gone", resp: "410", source: SourceHTTP, kind: Gone},
		{name: "500 server fault", resp: "500", account: "full-1of1", source: SourceXtream,
			kind: ServerFault, title: "Provider server error"},
		{name: "503 with Retry-After", resp: "503-retry", source: SourceHTTP,
			kind: ServerFault, retry: 5 * time.Minute},

		{name: "DNS name not found", netErr: &url.Error{Op: "Get", URL: "http://alice:" + testPassword + "@nowhere.example/live/alice/" + testPassword + "/1.ts",
			Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}}},
			source: SourceXtream, kind: Network, title: "Provider's name not found", evidence: []string{"no HTTP answer", "no such host"}},
		{name: "connection refused", netErr: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)},
			source: SourceHTTP, kind: Network, title: "Connection refused"},
		{name: "TLS unknown authority", netErr: &url.Error{Op: "Get", URL: "https://provider.example/x.m3u8", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}},
			source: SourceHTTP, kind: Network, title: "Secure connection failed"},
		{name: "TLS wrong host name", netErr: x509.HostnameError{Certificate: &x509.Certificate{DNSNames: []string{"other.example"}}, Host: "provider.example"},
			source: SourceHTTP, kind: Network, title: "Secure connection failed"},
		{name: "TLS alert from the server", netErr: &net.OpError{Op: "remote error", Err: errors.New("tls: handshake failure")},
			source: SourceHTTP, kind: Network, title: "Secure connection failed"},
		{name: "context deadline", netErr: fmt.Errorf("opening upstream: %w", context.DeadlineExceeded),
			source: SourceXtream, kind: Network, title: "Provider did not answer in time"},
		{name: "read deadline", netErr: &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded},
			source: SourceXtream, kind: Network, title: "Provider did not answer in time"},
		{name: "connection reset", netErr: &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)},
			source: SourceXtream, kind: Network, title: "Provider unreachable"},

		{name: "400 says nothing", resp: "400", source: SourceHTTP, kind: Unknown, title: "Stream refused"},
		{name: "nothing known", source: SourceHTTP, kind: Unknown},
	}
}

func (c diagCase) build(t *testing.T) Evidence {
	e := Evidence{Own: c.own, Source: c.source, Now: testNow, AccountErr: c.accountErr}
	if c.resp != "" {
		e.Refusal = loadResponse(t, c.resp)
	}
	if c.netErr != nil {
		e.Refusal = loadRefusalErr(c.netErr)
	}
	if c.account != "" {
		e.Account = loadAccount(t, c.account)
	}
	if c.route != "" {
		e.RouteChanged, e.RouteDetail = true, c.route
	}
	return e
}

func TestDiagnose(t *testing.T) {
	for _, c := range diagCases() {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(c.build(t))
			if d.Kind != c.kind {
				t.Fatalf("kind = %v, want %v\nevidence: %q", d.Kind, c.kind, d.Evidence)
			}
			if c.title != "" && d.Title != c.title {
				t.Errorf("title = %q, want %q", d.Title, c.title)
			}
			for _, want := range c.evidence {
				if !containsLine(d.Evidence, want) {
					t.Errorf("no evidence line contains %q; got %q", want, d.Evidence)
				}
			}
			if d.RetryAfter != c.retry {
				t.Errorf("RetryAfter = %v, want %v", d.RetryAfter, c.retry)
			}
			if d.CanWait != c.canWait {
				t.Errorf("CanWait = %v, want %v", d.CanWait, c.canWait)
			}
			checkTexts(t, d)
		})
	}
}

// checkTexts holds for every diagnosis: all texts present, printable, and
// free of the password.
func checkTexts(t *testing.T, d Diagnosis) {
	t.Helper()
	if d.Title == "" || d.Summary == "" || d.LikelyCause == "" || len(d.Advice) == 0 {
		t.Errorf("missing text: %+v", d)
	}
	all := append([]string{d.Title, d.Summary, d.LikelyCause}, append(d.Evidence, d.Advice...)...)
	for _, s := range all {
		if strings.Contains(s, testPassword) {
			t.Errorf("password in %q", s)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			t.Errorf("control character in %q", s)
		}
	}
}

func containsLine(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

func TestDiagnoseCoversEveryKind(t *testing.T) {
	seen := map[Kind]bool{}
	for _, c := range diagCases() {
		seen[c.kind] = true
	}
	for _, k := range Kinds() {
		if !seen[k] {
			t.Errorf("no recorded case for %v", k)
		}
	}
}

func TestSlotOtherTexts(t *testing.T) {
	c := diagCases()[0]
	d := Diagnose(c.build(t))
	wantSummary := "Your account allows 1 connection, and the provider says 1 is in use."
	if !strings.HasPrefix(d.Summary, wantSummary) {
		t.Errorf("summary = %q, want it to start with %q", d.Summary, wantSummary)
	}
	// The reboot steps come in the order a person should take them, then
	// the other two options.
	order := []string{"stops every player it started on this machine", "Reboot your router", "cable",
		"stop the stream before disconnecting a VPN", "Then retry", "end the last connected session", "every 15 s"}
	if len(d.Advice) != len(order) {
		t.Fatalf("advice = %q, want %d steps", d.Advice, len(order))
	}
	for i, want := range order {
		if !strings.Contains(d.Advice[i], want) {
			t.Errorf("advice[%d] = %q, want it to mention %q", i, d.Advice[i], want)
		}
	}
}

func TestSlotWithoutPollingOffersNoWait(t *testing.T) {
	d := Diagnose(Evidence{Refusal: loadResponse(t, "401-empty"), Source: SourceHTTP, Now: testNow})
	if containsLine(d.Advice, "every 15 s") {
		t.Errorf("advice offers waiting on a source without account info: %q", d.Advice)
	}
}

func TestHostileBodyIsSanitised(t *testing.T) {
	d := Diagnose(Evidence{Refusal: loadResponse(t, "401-hostile-body"), Source: SourceHTTP, Now: testNow})
	checkTexts(t, d)
	if !containsLine(d.Evidence, "/live/alice/***/1.ts") {
		t.Errorf("masked URL missing from evidence: %q", d.Evidence)
	}
}

func TestIPLockMentionsRouteChangeOnlyWhenKnown(t *testing.T) {
	e := Evidence{Refusal: loadResponse(t, "401-empty"), Account: loadAccount(t, "free-0of1"), Source: SourceXtream, Now: testNow}
	if d := Diagnose(e); strings.Contains(d.LikelyCause, "route") {
		t.Errorf("route mentioned without a known change: %q", d.LikelyCause)
	}
	e.RouteChanged = true
	if d := Diagnose(e); !strings.Contains(d.LikelyCause, "route changed") {
		t.Errorf("route change not mentioned: %q", d.LikelyCause)
	}
}

func TestKindNames(t *testing.T) {
	for _, k := range Kinds() {
		got, ok := ParseKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("nonsense"); ok {
		t.Error("ParseKind accepted nonsense")
	}
}

func TestHuman(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0 s"},
		{20 * time.Second, "20 s"},
		{89 * time.Second, "89 s"},
		{3 * time.Minute, "3 min"},
		{2 * time.Hour, "2 h"},
		{63 * 24 * time.Hour, "63 days"},
	}
	for _, tt := range tests {
		if got := human(tt.d); got != tt.want {
			t.Errorf("human(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestOwnExplains(t *testing.T) {
	held := LeaseFact{Channel: "held"}
	hls := LeaseFact{Channel: "hls", ReleasedAt: ago(30 * time.Second), How: Clean, HLS: true}
	crash := LeaseFact{Channel: "crash", ReleasedAt: ago(5 * time.Minute), How: Recovered}
	oldCrash := LeaseFact{Channel: "old crash", ReleasedAt: ago(2 * time.Hour), How: Recovered}
	cleanTS := LeaseFact{Channel: "clean ts", ReleasedAt: ago(5 * time.Second), How: Clean}
	closedTS := LeaseFact{Channel: "closed ts", ReleasedAt: ago(2 * time.Second), How: Clean, Opened: true}
	oldTS := LeaseFact{Channel: "old ts", ReleasedAt: ago(time.Minute), How: Clean, Opened: true}
	future := LeaseFact{Channel: "clock skew", ReleasedAt: testNow.Add(time.Minute), How: Recovered}
	tests := []struct {
		name string
		own  []LeaseFact
		want string
		why  ownReason
	}{
		{"none", nil, "", ownNone},
		{"a refused TS attempt never held the slot", []LeaseFact{cleanTS}, "", ownNone},
		{"a TS stream closed seconds ago", []LeaseFact{cleanTS, closedTS}, "closed ts", ownTSRecent},
		{"a TS stream closed a minute ago", []LeaseFact{oldTS}, "", ownNone},
		{"a TS close after an HLS stop is newer", []LeaseFact{hls, closedTS}, "closed ts", ownTSRecent},
		{"an old crash no longer explains it", []LeaseFact{oldCrash}, "", ownNone},
		{"a release in the future is ignored", []LeaseFact{future}, "", ownNone},
		{"recent HLS stop", []LeaseFact{cleanTS, hls}, "hls", ownHLSRecent},
		{"the newest release wins", []LeaseFact{crash, hls}, "hls", ownHLSRecent},
		{"a held lease wins over any release", []LeaseFact{hls, held, crash}, "held", ownHeld},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := ownExplains(tt.own, testNow)
			if got.Channel != tt.want || why != tt.why {
				t.Errorf("got %q (%v), want %q (%v)", got.Channel, why, tt.want, tt.why)
			}
		})
	}
}

func TestLimitText(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{"error":"Max connections reached for this line"}`, true},
		{"Maximum connections exceeded", true},
		{"max_connections limit", true},
		{"Connection limit reached", true},
		{"Too many connections", true},
		{`{"user_info":{"max_connections":"1","active_cons":"0"}}`, false},
		{"Access denied", false},
	}
	for _, tt := range tests {
		if got := limitText.MatchString(tt.body); got != tt.want {
			t.Errorf("limitText(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestAccountNumbersBeatBodyWords(t *testing.T) {
	r := loadResponse(t, "403-max-connections")
	d := Diagnose(Evidence{Refusal: r, Account: loadAccount(t, "free-0of1"), Source: SourceXtream, Now: testNow})
	if d.Kind != IPLock {
		t.Errorf("kind = %v, want ip-lock: the account shows a free slot", d.Kind)
	}
}

func TestParseRelease(t *testing.T) {
	for _, r := range []Release{Held, Clean, Recovered, Forced} {
		if got := ParseRelease(r.String()); got != r {
			t.Errorf("ParseRelease(%q) = %v", r.String(), got)
		}
	}
	if ParseRelease("") != Held {
		t.Error(`ParseRelease("") is not Held`)
	}
}

// TestOwnTSCloseIsNotBlamedOnAnotherDevice: a zap refused because a slow
// panel still counts tuner's own stream must not say another device holds
// the slot.
func TestOwnTSCloseIsNotBlamedOnAnotherDevice(t *testing.T) {
	e := Evidence{Source: SourceXtream, Now: testNow,
		Refusal: loadResponse(t, "401-empty"), Account: loadAccount(t, "full-1of1"),
		Own: []LeaseFact{{Channel: "UK | BBC One", ReleasedAt: ago(4 * time.Second), How: Clean, Opened: true}}}
	d := Diagnose(e)
	text := d.Summary + " " + d.LikelyCause
	for _, blame := range []string{"not using it", "another device", "someone else"} {
		if strings.Contains(text, blame) {
			t.Errorf("the diagnosis blames %q for tuner's own stream: %s", blame, text)
		}
	}
	if !strings.Contains(d.Summary, "tuner closed 4 s ago") {
		t.Errorf("summary does not name tuner's own stream: %s", d.Summary)
	}
}
