package xtream

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

const (
	testUser = "alice"
	testPass = "s3cret-pw"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeAccountVariants(t *testing.T) {
	tests := []struct {
		file         string
		status       string
		exp          int64
		maxCons      int
		activeCons   int
		formats      []string
		timezone     string
		serverTime   int64
		trial        bool
		wantRejected bool
	}{
		{file: "account_strings.json", status: "Active", exp: 1767225600, maxCons: 1, formats: []string{"m3u8", "ts", "rtmp"}, timezone: "Europe/London", serverTime: 1763900000},
		{file: "account_numbers.json", status: "Active", exp: 1767225600, maxCons: 2, activeCons: 1, formats: []string{"ts"}, timezone: "America/New_York", serverTime: 1763900000},
		{file: "account_null_exp.json", status: "Active", maxCons: 1, formats: []string{"m3u8"}, timezone: "UTC", serverTime: 1763900000, trial: true},
		{file: "account_expired.json", status: "Expired", exp: 1700000000, maxCons: 1, timezone: "Europe/Berlin", serverTime: 1763900000},
		{file: "account_auth0.json", wantRejected: true},
		{file: "account_auth0_string.json", wantRejected: true},
		{file: "account_empty_array.json", wantRejected: true},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			info, err := DecodeAccount(readTestdata(t, tt.file))
			if tt.wantRejected {
				if !errors.Is(err, errRejected) {
					t.Fatalf("error %v, want rejected", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c := New("http://panel.example:8080/", testUser, testPass, remote.Options{})
			a := c.Account(info)
			var exp time.Time
			if tt.exp > 0 {
				exp = time.Unix(tt.exp, 0)
			}
			if a.Status != tt.status || !a.ExpiresAt.Equal(exp) || a.MaxConnections != tt.maxCons ||
				a.ActiveConnections != tt.activeCons || !reflect.DeepEqual(a.AllowedFormats, tt.formats) ||
				a.Timezone != tt.timezone || a.ServerTime.Unix() != tt.serverTime || !a.Auth || bool(info.User.IsTrial) != tt.trial {
				t.Errorf("account %+v (trial %v)", a, info.User.IsTrial)
			}
			if a.Server != "http://panel.example:8080" || a.Username != testUser {
				t.Errorf("server %q user %q", a.Server, a.Username)
			}
		})
	}
}

func TestDecodeStreamsVariants(t *testing.T) {
	tests := []struct {
		file string
		want []string // "num id category name"
	}{
		{"streams_strings.json", []string{"1 101 1 BBC One HD", "2 205 2 CNN, International", "3 309 3 Ciné+ Frisson ✨"}},
		{"streams_numbers.json", []string{"1 101 1 BBC One HD", "2 205 2 CNN, International", "0 400  No Category"}},
		{"streams_object.json", []string{"1 101 1 BBC One HD", "2 205 2 CNN, International"}},
		{"streams_php_escaped.json", []string{"1 101 1 UK: BBC One HD", "2 309 3 FR: Ciné+ Frisson ✨ 🎬"}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			streams, err := DecodeStreams(readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range streams {
				got = append(got, itoa(int64(s.Num))+" "+string(s.StreamID)+" "+string(s.CategoryID)+" "+string(s.Name))
			}
			if tt.file == "streams_object.json" {
				// map order is not kept by the object shape
				if len(got) == 2 && got[0] > got[1] {
					got[0], got[1] = got[1], got[0]
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDecodeListRejected(t *testing.T) {
	for _, in := range []string{`{"user_info":{"auth":0}}`, `{"user_info":{"auth":"0"}}`} {
		if _, err := DecodeStreams([]byte(in)); !errors.Is(err, errRejected) {
			t.Errorf("%s: error %v, want rejected", in, err)
		}
	}
	for _, in := range []string{``, `[]`, `{}`, `null`} {
		if s, err := DecodeStreams([]byte(in)); err != nil || len(s) != 0 {
			t.Errorf("%q: %v, %v; want no streams and no error", in, s, err)
		}
	}
	if _, err := DecodeStreams([]byte(`<html>Not Found</html>`)); !errors.Is(err, errNotAPI) {
		t.Errorf("html: error %v, want not an API answer", err)
	}
}

func TestFlexibleTypes(t *testing.T) {
	ints := map[string]Int{`1`: 1, `"2"`: 2, `" 3 "`: 3, `""`: 0, `null`: 0, `true`: 1, `false`: 0, `4.0`: 4, `"5.5"`: 5, `"x"`: 0, `[1]`: 0, `{}`: 0, `-1`: -1}
	for in, want := range ints {
		var n Int
		if err := n.UnmarshalJSON([]byte(in)); err != nil || n != want {
			t.Errorf("Int %s = %d, %v; want %d", in, n, err, want)
		}
	}
	bools := map[string]Bool{`1`: true, `0`: false, `"1"`: true, `"0"`: false, `true`: true, `false`: false, `"true"`: true, `null`: false, `""`: false, `2`: true}
	for in, want := range bools {
		var b Bool
		if err := b.UnmarshalJSON([]byte(in)); err != nil || b != want {
			t.Errorf("Bool %s = %v, %v; want %v", in, b, err, want)
		}
	}
	strs := map[string]Str{`"a"`: "a", `12`: "12", `null`: "", `true`: "true", `{"a":1}`: "", `"\u00e9"`: "é"}
	for in, want := range strs {
		var s Str
		if err := s.UnmarshalJSON([]byte(in)); err != nil || s != want {
			t.Errorf("Str %s = %q, %v; want %q", in, s, err, want)
		}
	}
}

func TestDecodeShortEPG(t *testing.T) {
	ls, err := DecodeShortEPG(readTestdata(t, "short_epg.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 {
		t.Fatalf("%d listings", len(ls))
	}
	if ls[0].Title != "Evening News" || ls[0].Description != "Headlines, weather — and sport." || ls[0].Start.Unix() != 1763920800 || ls[0].End.Unix() != 1763922600 {
		t.Errorf("first listing %+v", ls[0])
	}
	wantStart := time.Date(2025, 11, 23, 18, 30, 0, 0, time.UTC)
	if ls[1].Title != "Film: Amélie" || !ls[1].Start.Equal(wantStart) || ls[1].EPGID != "9" {
		t.Errorf("second listing %+v", ls[1])
	}
}

func TestDecodeBase64KeepsPlainText(t *testing.T) {
	tests := map[string]string{
		"TmV3cw==":       "News",
		"News":           "News", // valid base64, but not text once decoded
		"Match of Day":   "Match of Day",
		"":               "",
		"w6lsw6lnYW50ZQ": "élégante",
	}
	for in, want := range tests {
		if got := decodeBase64(in); got != want {
			t.Errorf("decodeBase64(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseGetURL(t *testing.T) {
	tests := []struct {
		name, in         string
		base, user, pass string
		ok               bool
	}{
		{"get.php m3u_plus", "http://panel.example:8080/get.php?username=alice&password=s3cret&type=m3u_plus&output=ts", "http://panel.example:8080", "alice", "s3cret", true},
		{"player_api.php", "https://panel.example/player_api.php?username=a%40b&password=p%26w", "https://panel.example", "a@b", "p&w", true},
		{"path prefix", "http://h/iptv/get.php?username=u&password=p", "http://h/iptv", "u", "p", true},
		{"plain playlist", "http://h/list.m3u?username=u&password=p", "", "", "", false},
		{"no password", "http://h/get.php?username=u", "", "", "", false},
		{"not http", "ftp://h/get.php?username=u&password=p", "", "", "", false},
		{"a file", "get.php", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, user, pass, ok := ParseGetURL(tt.in)
			if base != tt.base || user != tt.user || pass != tt.pass || ok != tt.ok {
				t.Errorf("got %q %q %q %v", base, user, pass, ok)
			}
		})
	}
}

func TestURLs(t *testing.T) {
	c := New("panel.example:8080/", "al ice", "p/w", remote.Options{})
	// Kept URLs hold the placeholder; the request URLs carry the password.
	if got, want := c.StreamURL("101", "ts"), "http://panel.example:8080/live/al%20ice/***/101.ts"; got != want {
		t.Errorf("StreamURL %q, want %q", got, want)
	}
	if got, want := c.Credentials().RequestURL(c.StreamURL("101", "ts")), "http://panel.example:8080/live/al%20ice/p%2Fw/101.ts"; got != want {
		t.Errorf("stream request URL %q, want %q", got, want)
	}
	if got, want := c.GuideURL(), "http://panel.example:8080/xmltv.php?password=***&username=al+ice"; got != want {
		t.Errorf("GuideURL %q, want %q", got, want)
	}
	if got, want := c.Credentials().RequestURL(c.GuideURL()), "http://panel.example:8080/xmltv.php?password=p%2Fw&username=al+ice"; got != want {
		t.Errorf("guide request URL %q, want %q", got, want)
	}
	if got := c.Name(); got != "al ice@panel.example:8080" {
		t.Errorf("Name %q", got)
	}
}

// panel is a fake Xtream panel serving the recorded answers.
type panel struct {
	t      *testing.T
	files  map[string]string // action -> testdata file
	reject func(w http.ResponseWriter)
}

func (p *panel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/player_api.php" {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	action := q.Get("action")
	if q.Get("username") != testUser || q.Get("password") != testPass {
		p.reject(w)
		return
	}
	file, ok := p.files[action]
	if !ok {
		http.Error(w, "unknown action", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(readTestdata(p.t, file))
}

func newPanel(t *testing.T, files map[string]string, reject func(w http.ResponseWriter)) *httptest.Server {
	if reject == nil {
		reject = func(w http.ResponseWriter) { w.Write([]byte(`{"user_info":{"auth":0}}`)) }
	}
	srv := httptest.NewServer(&panel{t: t, files: files, reject: reject})
	t.Cleanup(srv.Close)
	return srv
}

var stringPanel = map[string]string{
	"":                    "account_strings.json",
	"get_live_categories": "categories_strings.json",
	"get_live_streams":    "streams_strings.json",
	"get_short_epg":       "short_epg.json",
}

func TestLoad(t *testing.T) {
	srv := newPanel(t, stringPanel, nil)
	c := New(srv.URL, testUser, testPass, remote.Options{})
	var progressed bool
	p, err := c.Load(context.Background(), func(done, total int64) { progressed = true })
	if err != nil {
		t.Fatal(err)
	}
	if !progressed {
		t.Error("no progress reported")
	}
	if p.Channels.Len() != 3 {
		t.Fatalf("%d channels", p.Channels.Len())
	}
	ch := *p.Channels.At(0)
	want := playlist.Channel{
		Name: "BBC One HD", URL: srv.URL + "/live/alice/***/101.ts", Group: "UK | Entertainment",
		TvgID: "bbc1.uk", TvgName: "BBC One HD", Logo: "http://logos.example/bbc1.png?w=64&h=64", Chno: "1",
		Source: c.Name(),
	}
	gotNoExtra := ch
	gotNoExtra.Extra = nil
	if gotNoExtra != want {
		t.Errorf("channel\n got %+v\nwant %+v", gotNoExtra, want)
	}
	if ch.Extra == nil || ch.Extra.StreamID != "101" || ch.Extra.Catchup != "xc" || ch.Extra.CatchupDays != "7" {
		t.Errorf("extra %+v", ch.Extra)
	}
	if p.Channels.At(2).Group != "FR | Cinéma" || p.Channels.At(2).TvgID != "" {
		t.Errorf("third channel %+v", *p.Channels.At(2))
	}
	wantGroups := []playlist.Group{{Name: "UK | Entertainment", Count: 1}, {Name: "US | News", Count: 1}, {Name: "FR | Cinéma", Count: 1}}
	if !reflect.DeepEqual(p.Groups, wantGroups) {
		t.Errorf("groups %v", p.Groups)
	}
	if p.Account == nil || p.Account.Status != "Active" || p.Account.Username != testUser {
		t.Errorf("account %+v", p.Account)
	}
	wantGuide := srv.URL + "/xmltv.php?password=***&username=alice"
	if !reflect.DeepEqual(p.Header.GuideURLs, []string{wantGuide}) {
		t.Errorf("guide URLs %q", p.Header.GuideURLs)
	}
	if p.Source != "alice@"+strings.TrimPrefix(srv.URL, "http://") {
		t.Errorf("source %q", p.Source)
	}
}

func TestLoadNumbersPanelOnlyM3U8(t *testing.T) {
	srv := newPanel(t, map[string]string{
		"":                    "account_null_exp.json",
		"get_live_categories": "categories_numbers.json",
		"get_live_streams":    "streams_numbers.json",
	}, nil)
	c := New(srv.URL, testUser, testPass, remote.Options{})
	p, err := c.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range p.Channels.All() {
		got = append(got, ch.Chno+"|"+ch.Group+"|"+ch.URL[len(srv.URL):])
	}
	want := []string{
		"1|UK | Entertainment|/live/alice/***/101.m3u8",
		"2|US | News|/live/alice/***/205.m3u8",
		"||/live/alice/***/400.m3u8",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestShortEPGThroughPanel(t *testing.T) {
	srv := newPanel(t, stringPanel, nil)
	c := New(srv.URL, testUser, testPass, remote.Options{})
	ls, err := c.ShortEPG(context.Background(), "101", 2)
	if err != nil || len(ls) != 2 || ls[0].Title != "Evening News" {
		t.Fatalf("%+v, %v", ls, err)
	}
}

func TestWrongCredentials(t *testing.T) {
	tests := []struct {
		name   string
		reject func(w http.ResponseWriter)
		detail string
		status int
	}{
		{"auth 0 with 200", func(w http.ResponseWriter) { w.Write([]byte(`{"user_info":{"auth":0}}`)) }, "credentials rejected (auth 0)", 0},
		{"empty array", func(w http.ResponseWriter) { w.Write([]byte(`[]`)) }, "credentials rejected (auth 0)", 0},
		{"empty body", func(w http.ResponseWriter) {}, "credentials rejected (auth 0)", 0},
		{"401", func(w http.ResponseWriter) { w.WriteHeader(401) }, "credentials rejected (HTTP 401 Unauthorized)", 401},
		{"403", func(w http.ResponseWriter) { w.WriteHeader(403) }, "credentials rejected (HTTP 403 Forbidden)", 403},
		{"404", func(w http.ResponseWriter) { w.WriteHeader(404) }, "credentials rejected (HTTP 404 Not Found)", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newPanel(t, stringPanel, tt.reject)
			const wrong = "wr0ng-pass"
			c := New(srv.URL, testUser, wrong, remote.Options{})
			_, err := c.Load(context.Background(), nil)
			var pe *playlist.Error
			if !errors.As(err, &pe) || pe.Problem != playlist.Refused || pe.Detail != tt.detail || pe.Status != tt.status {
				t.Fatalf("error %#v, want Refused %q", err, tt.detail)
			}
			for e := error(pe); e != nil; e = errors.Unwrap(e) {
				if strings.Contains(e.Error(), wrong) {
					t.Errorf("error %q shows the password", e)
				}
			}
			if want := "alice@" + strings.TrimPrefix(srv.URL, "http://") + ": " + tt.detail; err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
		})
	}
}

func TestNotAPanel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>It works!</body></html>"))
	}))
	defer srv.Close()
	_, err := New(srv.URL, testUser, testPass, remote.Options{}).AccountInfo(context.Background())
	if playlist.ProblemOf(err) != playlist.NotPlaylist || strings.Contains(err.Error(), testPass) {
		t.Fatalf("error %v", err)
	}
}

func TestStalledPanelTimesOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	c := New(srv.URL, testUser, testPass, remote.Options{IdleTimeout: 100 * time.Millisecond})
	_, err := c.AccountInfo(context.Background())
	if playlist.ProblemOf(err) != playlist.TimedOut || strings.Contains(err.Error(), testPass) {
		t.Fatalf("error %v", err)
	}
}

func TestUserAgentIsSent(t *testing.T) {
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		w.Write(readTestdata(t, "account_strings.json"))
	}))
	defer srv.Close()
	c := New(srv.URL, testUser, testPass, remote.Options{UserAgent: "tuner/test"})
	if _, err := c.AccountInfo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ua.Load() != "tuner/test" {
		t.Errorf("User-Agent %q", ua.Load())
	}
}

// A panel behind a load balancer that redirects to another host must not
// learn the password from the Referer of the first hop.
func TestAccountCallRedirectedToAnotherHostSendsNoReferer(t *testing.T) {
	var referers atomic.Int32
	inner := &panel{t: t, files: stringPanel, reject: func(w http.ResponseWriter) { w.Write([]byte(`{"user_info":{"auth":0}}`)) }}
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Referer") != "" {
			referers.Add(1)
		}
		inner.ServeHTTP(w, r)
	}))
	defer backend.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, backend.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	defer front.Close()
	c := New(front.URL, testUser, testPass, remote.Options{})
	if _, err := c.AccountInfo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := referers.Load(); n > 0 {
		t.Errorf("%d requests to the redirected host carried a Referer", n)
	}
}

func TestAnAnswerIsCappedBeforeItIsHeld(t *testing.T) {
	if got := New("http://h", "u", "p", remote.Options{}).client().Options().MaxBytes; got != MaxAnswerBytes {
		t.Errorf("default answer cap %d, want %d", got, MaxAnswerBytes)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 64<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	_, err := New(srv.URL, testUser, testPass, remote.Options{MaxBytes: 1 << 20}).AccountInfo(context.Background())
	if playlist.ProblemOf(err) != playlist.TooLarge || !strings.Contains(err.Error(), "too large (over 1 MB)") {
		t.Errorf("error %v, want too large", err)
	}
}
