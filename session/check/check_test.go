package check

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

const testPassword = "Zq7-secret-pw"

// fastOptions keep tests quick: short probes, no spacing beyond a breath
// between stream probes so the simulator sees each close before the next open.
func fastOptions() Options {
	return Options{Probe: ProbeAuto, ProbeTime: 300 * time.Millisecond, Pace: 30 * time.Millisecond, Timeout: 5 * time.Second}
}

func startSim(t *testing.T, cfg sim.Config) *sim.Server {
	t.Helper()
	if cfg.Password == "" {
		cfg.Password = testPassword
	}
	if cfg.Channels == 0 {
		cfg.Channels = 40
	}
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func account(s *sim.Server, pass string) *xtream.Client {
	return xtream.New(s.URL(), s.Username(), pass, remote.Options{})
}

func TestCheckAccount(t *testing.T) {
	tests := []struct {
		name     string
		cfg      sim.Config
		setup    func(*sim.Server)
		password string
		opt      func(*Options)
		want     Outcome
		verdict  string // prefix
		probes   int
	}{
		{
			name:    "working account with a free slot probes one stream",
			cfg:     sim.Config{ExpDate: time.Now().Add(23*24*time.Hour + time.Hour)},
			want:    OK,
			verdict: "OK: 1 of 1 connections free, expires in 23 days",
			probes:  1,
		},
		{
			name:    "account without expiry and two slots",
			cfg:     sim.Config{MaxConnections: 2},
			want:    OK,
			verdict: "OK: 2 of 2 connections free, no expiry date",
			probes:  1,
		},
		{
			name:     "wrong password is rejected",
			password: "wrong-password",
			want:     Rejected,
			verdict:  "REJECTED: the provider does not accept",
		},
		{
			name:    "expired account",
			cfg:     sim.Config{ExpDate: time.Now().Add(-48 * time.Hour)},
			want:    Unusable,
			verdict: "EXPIRED: the subscription ended on",
		},
		{
			name:    "banned account",
			cfg:     sim.Config{Status: sim.Banned},
			want:    Unusable,
			verdict: "BANNED:",
		},
		{
			name:    "disabled account",
			cfg:     sim.Config{Status: sim.Disabled},
			want:    Unusable,
			verdict: "DISABLED:",
		},
		{
			name:    "slot held by another device is not probed",
			setup:   func(s *sim.Server) { s.Occupy(1) },
			want:    NoSlot,
			verdict: "NO FREE SLOT: 1 of 1 connections in use",
		},
		{
			name:    "explicit probe with no free slot is still not probed",
			setup:   func(s *sim.Server) { s.Occupy(1) },
			opt:     func(o *Options) { o.Probe = 3 },
			want:    NoSlot,
			verdict: "NO FREE SLOT:",
		},
		{
			name:    "panel failing with 503 is unreachable",
			cfg:     sim.Config{Faults: sim.Faults{APIStatus5xx: 503}},
			want:    Unreachable,
			verdict: "UNREACHABLE: server error (HTTP 503",
		},
		{
			name:    "slow panel times out",
			cfg:     sim.Config{Faults: sim.Faults{APIDelay: 3 * time.Second}},
			opt:     func(o *Options) { o.Timeout = 200 * time.Millisecond },
			want:    Unreachable,
			verdict: "UNREACHABLE: timed out",
		},
		{
			name:    "rate limited panel",
			cfg:     sim.Config{Faults: sim.Faults{RateLimit: 1, RateWindow: time.Minute}},
			want:    Unreachable,
			verdict: "RATE LIMITED: refused with HTTP 429",
		},
		{
			name:    "stream refused although the panel shows a free slot",
			cfg:     sim.Config{Faults: sim.Faults{Status5xx: 502}},
			want:    Unreachable,
			verdict: "UNREACHABLE: stream",
			probes:  1,
		},
		{
			name:    "stream dropping mid-probe",
			cfg:     sim.Config{Faults: sim.Faults{DropAfter: 50 * time.Millisecond}},
			opt:     func(o *Options) { o.ProbeTime = 2 * time.Second },
			want:    Unreachable,
			verdict: "UNREACHABLE: stream",
			probes:  1,
		},
		{
			name:    "probe zero opens no stream",
			opt:     func(o *Options) { o.Probe = 0 },
			want:    OK,
			verdict: "OK: 1 of 1 connections free",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startSim(t, tc.cfg)
			if tc.setup != nil {
				tc.setup(s)
			}
			opt := fastOptions()
			if tc.opt != nil {
				tc.opt(&opt)
			}
			pass := testPassword
			if tc.password != "" {
				pass = tc.password
			}
			r := New(opt).Check(context.Background(), account(s, pass))
			if r.Outcome != tc.want || r.ExitCode != tc.want.ExitCode() {
				t.Fatalf("outcome %q (exit %d), want %q; verdict %q, error %q", r.Outcome, r.ExitCode, tc.want, r.Verdict, r.Error)
			}
			if !strings.HasPrefix(r.Verdict, tc.verdict) {
				t.Errorf("verdict %q, want it to start with %q", r.Verdict, tc.verdict)
			}
			if len(r.Probes) != tc.probes {
				t.Errorf("%d probes, want %d: %+v", len(r.Probes), tc.probes, r.Probes)
			}
			t.Logf("verdict: %s", r.Verdict)
			assertNoSecret(t, r, pass)
			if tc.want == NoSlot {
				for _, c := range s.Connections() {
					if c.Kind != sim.KindOther {
						t.Errorf("a stream was opened on a full account: %+v", c)
					}
				}
			}
		})
	}
}

func TestCheckAccountFacts(t *testing.T) {
	exp := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Second)
	s := startSim(t, sim.Config{MaxConnections: 2, ExpDate: exp, Timezone: "Europe/Paris"})
	s.Occupy(1)
	r := New(fastOptions()).Check(context.Background(), account(s, testPassword))
	if r.Outcome != OK {
		t.Fatalf("outcome %q: %s", r.Outcome, r.Verdict)
	}
	if r.Connections == nil || *r.Connections != (Connections{Active: 1, Max: 2, Free: 1}) {
		t.Errorf("connections %+v", r.Connections)
	}
	if r.ExpiresAt == nil || !r.ExpiresAt.Equal(exp) || r.DaysLeft == nil || *r.DaysLeft != 9 {
		t.Errorf("expires %v, days left %v", r.ExpiresAt, r.DaysLeft)
	}
	if r.Status != "Active" || r.Auth == nil || !*r.Auth || r.Timezone != "Europe/Paris" || r.ServerTime == nil {
		t.Errorf("status %q auth %v tz %q server time %v", r.Status, r.Auth, r.Timezone, r.ServerTime)
	}
	if r.Channels == nil || *r.Channels != 40 || r.Groups == nil || *r.Groups == 0 {
		t.Errorf("channels %v groups %v", r.Channels, r.Groups)
	}
	if !strings.Contains(r.GuideURL, "xmltv.php") || !strings.Contains(r.GuideURL, "password=***") {
		t.Errorf("guide URL %q", r.GuideURL)
	}
	if len(r.Probes) != 1 || !r.Probes[0].OK || r.Probes[0].Format != FormatTS || r.Probes[0].Bytes == 0 || r.Probes[0].BytesPerSecond == 0 {
		t.Errorf("probe %+v", r.Probes)
	}
	if r.Requests != 4 {
		t.Errorf("%d requests, want 4 (account, categories, streams, one stream)", r.Requests)
	}
	// The panel sees the probe's close a moment after the check returns.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitActive(ctx, 1); err != nil {
		t.Errorf("%d connections active after the check, want only the other device's", s.Active())
	}
}

func TestCheckAccountHLS(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	opt := fastOptions()
	opt.Format = "m3u8"
	r := New(opt).Check(context.Background(), account(s, testPassword))
	if r.Outcome != OK || len(r.Probes) != 1 {
		t.Fatalf("outcome %q probes %+v: %s", r.Outcome, r.Probes, r.Verdict)
	}
	p := r.Probes[0]
	if p.Format != FormatHLS || !p.OK || p.Bytes == 0 || p.MediaSeconds <= 0 || len(p.Variants) != 1 {
		t.Fatalf("probe %+v", p)
	}
	v := p.Variants[0]
	if v.Resolution != "320x180" || v.Bandwidth == 0 || !strings.Contains(v.Codecs, "avc1") {
		t.Errorf("variant %+v", v)
	}
	// The segment's data rate is the stream's, within what the master
	// playlist declares.
	if p.BytesPerSecond*8 > int64(v.Bandwidth) {
		t.Errorf("segment rate %d bit/s over the declared %d", p.BytesPerSecond*8, v.Bandwidth)
	}
}

// peak is the most connections open at one instant on the simulator; one
// still open counts until the end.
func peak(conns []sim.Conn, keep func(sim.Conn) bool) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, c := range conns {
		if !keep(c) {
			continue
		}
		edges = append(edges, edge{c.Open, +1})
		if !c.Close.IsZero() {
			edges = append(edges, edge{c.Close, -1})
		}
	}
	// closes before opens at the same instant
	for i := 1; i < len(edges); i++ {
		for j := i; j > 0; j-- {
			a, b := edges[j-1], edges[j]
			if b.at.Before(a.at) || (b.at.Equal(a.at) && b.delta < a.delta) {
				edges[j-1], edges[j] = b, a
			}
		}
	}
	n, most := 0, 0
	for _, e := range edges {
		n += e.delta
		most = max(most, n)
	}
	return most
}

func TestProbesNeverExceedFreeSlots(t *testing.T) {
	tests := []struct {
		name      string
		max       int
		occupied  int
		probe     int
		format    string
		wantOpen  int // streams opened by the check
		wantPeak  int // most of them open at once
		wantNoted bool
	}{
		{"ts probes run one at a time", 3, 1, 4, "ts", 4, 1, false},
		{"hls probes stop at the free slots", 3, 1, 3, "m3u8", 2, 2, true},
		{"one free hls slot allows one probe", 2, 1, 5, "m3u8", 1, 1, true},
		{"no free slot opens nothing", 2, 2, 3, "ts", 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: tc.max, HLSGrace: time.Minute})
			s.Occupy(tc.occupied)
			opt := fastOptions()
			opt.Probe, opt.Format = tc.probe, tc.format
			// Room for the panel to record each close before the next open,
			// as a real panel needs too.
			opt.Pace = 200 * time.Millisecond
			r := New(opt).Check(context.Background(), account(s, testPassword))
			ours := func(c sim.Conn) bool { return c.Kind != sim.KindOther }
			opened := 0
			for _, c := range s.Connections() {
				if ours(c) {
					opened++
				}
			}
			if opened != tc.wantOpen || len(r.Probes) != tc.wantOpen {
				t.Errorf("opened %d streams (%d probes), want %d", opened, len(r.Probes), tc.wantOpen)
			}
			if p := peak(s.Connections(), ours); p != tc.wantPeak {
				t.Errorf("peak %d streams open at once, want %d", p, tc.wantPeak)
			}
			if all := peak(s.Connections(), func(sim.Conn) bool { return true }); all > tc.max {
				t.Errorf("peak %d connections on a %d-slot account", all, tc.max)
			}
			if n := len(s.Rejections()); n != 0 {
				t.Errorf("%d requests refused: %+v", n, s.Rejections())
			}
			if (r.ProbeNote != "") != tc.wantNoted {
				t.Errorf("probe note %q", r.ProbeNote)
			}
		})
	}
}

func TestRequestsArePaced(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 2})
	opt := fastOptions()
	opt.Pace = 400 * time.Millisecond
	opt.Probe = 2
	var waits []time.Duration
	opt.Sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return sleep(ctx, d)
	}
	r := New(opt).Check(context.Background(), account(s, testPassword))
	if r.Outcome != OK {
		t.Fatalf("outcome %q: %s", r.Outcome, r.Verdict)
	}
	// account, categories, streams, two probes: four waits before the four
	// requests after the first (a probe outlasting the pace needs none).
	if len(waits) < 3 {
		t.Errorf("waited %d times (%v), want a wait before each API request after the first", len(waits), waits)
	}
	reqs := s.APIRequests()
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].Time.Sub(reqs[i-1].Time); gap < opt.Pace {
			t.Errorf("requests %d and %d only %v apart", i-1, i, gap)
		}
	}
}

func TestCheckPlaylist(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	bodies := map[string]string{
		"/empty.m3u":   "#EXTM3U\n",
		"/garbage.m3u": "<html><body>Welcome</body></html>\n",
		"/ok.m3u": "#EXTM3U url-tvg=\"http://guide.example/epg.xml\"\n#EXTINF:-1 group-title=\"News\",One\n" +
			s.StreamURL(1, "ts") + "\n#EXTINF:-1 group-title=\"Film\",Two\n" + s.StreamURL(2, "ts") + "\n",
		"/hls.m3u": "#EXTM3U\n#EXTINF:-1 group-title=\"News\",One\n" + s.StreamURL(1, "m3u8") + "\n",
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(b))
	}))
	defer web.Close()
	tests := []struct {
		path    string
		want    Outcome
		verdict string
		format  string
	}{
		{"/ok.m3u", OK, "OK: 2 channels in 2 groups, 1 stream played", FormatTS},
		{"/hls.m3u", OK, "OK: 1 channel in 1 group, 1 stream played", FormatHLS},
		{"/empty.m3u", BadPlaylist, "EMPTY: the playlist has no channels", ""},
		{"/garbage.m3u", BadPlaylist, "", ""},
		{"/missing.m3u", BadPlaylist, "BAD PLAYLIST: not found", ""},
	}
	for _, tc := range tests {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			src, err := source.Parse(web.URL+tc.path, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := New(fastOptions()).Check(context.Background(), src)
			if r.Outcome != tc.want || r.Type != TypePlaylist {
				t.Fatalf("outcome %q type %q, want %q: %s %s", r.Outcome, r.Type, tc.want, r.Verdict, r.Error)
			}
			if !strings.HasPrefix(r.Verdict, tc.verdict) {
				t.Errorf("verdict %q, want %q", r.Verdict, tc.verdict)
			}
			if tc.format != "" && (len(r.Probes) != 1 || r.Probes[0].Format != tc.format) {
				t.Errorf("probes %+v", r.Probes)
			}
			assertNoSecret(t, r, testPassword)
		})
	}
}

func TestCheckGetURLIsAnAccount(t *testing.T) {
	s := startSim(t, sim.Config{})
	src, err := source.Parse(s.URL()+"/get.php?username=demo&password="+testPassword+"&type=m3u_plus&output=ts", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := New(fastOptions()).Check(context.Background(), src)
	if r.Type != TypeXtream || r.Outcome != OK || r.Username != "demo" {
		t.Fatalf("type %q outcome %q user %q: %s", r.Type, r.Outcome, r.Username, r.Verdict)
	}
	assertNoSecret(t, r, testPassword)
}

func assertNoSecret(t *testing.T, r *Report, pass string) {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), pass) {
		t.Errorf("report carries the password: %s", b)
	}
}

func TestGetURLOfAPlainPlaylistFallsBack(t *testing.T) {
	var apiCalls, getCalls int
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/player_api.php":
			apiCalls++
			_, _ = w.Write([]byte("<html>no API here</html>"))
		case "/get.php":
			getCalls++
			_, _ = w.Write([]byte("#EXTM3U\n#EXTINF:-1 group-title=\"News\",One\nhttp://127.0.0.1:9/1.ts\n#EXTINF:-1,Two\nhttp://127.0.0.1:9/2.ts\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer web.Close()
	src, err := source.Parse(web.URL+"/get.php?username=u&password="+testPassword+"&type=m3u_plus", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := fastOptions()
	opt.Probe = 0
	r := New(opt).Check(context.Background(), src)
	if r.Outcome != OK || r.Type != TypePlaylist || r.Channels == nil || *r.Channels != 2 {
		t.Fatalf("outcome %q type %q channels %v: %s %s", r.Outcome, r.Type, r.Channels, r.Verdict, r.Error)
	}
	if r.Requests != apiCalls+getCalls || getCalls != 1 {
		t.Errorf("report counts %d requests; the server saw %d API and %d get.php", r.Requests, apiCalls, getCalls)
	}
	assertNoSecret(t, r, testPassword)
}

func TestListRefusedAfterAuthIsNotACredentialsProblem(t *testing.T) {
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("action") != "" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		_, _ = w.Write([]byte(`{"user_info":{"auth":1,"status":"Active","max_connections":"1","active_cons":"0"},"server_info":{}}`))
	}))
	defer web.Close()
	r := New(fastOptions()).Check(context.Background(), xtream.New(web.URL, "u", testPassword, remote.Options{}))
	if r.Outcome != BadPlaylist || r.Auth == nil || !*r.Auth {
		t.Fatalf("outcome %q auth %v: %s", r.Outcome, r.Auth, r.Verdict)
	}
	if !strings.HasPrefix(r.Verdict, "BAD PLAYLIST: ") {
		t.Errorf("verdict %q", r.Verdict)
	}
}

// A get.php playlist keeps its URLs without the password; the probe still
// sends it, so the panel serves the stream.
func TestGetURLPlaylistProbeSendsThePassword(t *testing.T) {
	var web *httptest.Server
	web = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/player_api.php":
			_, _ = w.Write([]byte("<html>no API here</html>"))
		case "/get.php":
			_, _ = w.Write([]byte("#EXTM3U url-tvg=\"" + web.URL + "/xmltv.php?username=u&password=" + testPassword + "\"\n#EXTINF:-1,One\n" + web.URL + "/live/u/" + testPassword + "/1.ts\n"))
		case "/live/u/" + testPassword + "/1.ts":
			w.Header().Set("Content-Type", "video/mp2t")
			buf := make([]byte, 188*64)
			for i := 0; i < len(buf); i += 188 {
				buf[i] = 0x47
			}
			for r.Context().Err() == nil {
				if _, err := w.Write(buf); err != nil {
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
		default:
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer web.Close()
	src, err := source.Parse(web.URL+"/get.php?username=u&password="+testPassword+"&type=m3u_plus", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := fastOptions()
	opt.Probe = 1
	opt.ShowSecrets = true
	r := New(opt).Check(context.Background(), src)
	if r.Outcome != OK || len(r.Probes) != 1 {
		t.Fatalf("outcome %q probes %+v: %s %s", r.Outcome, r.Probes, r.Verdict, r.Error)
	}
	if !strings.Contains(r.GuideURL, "password="+testPassword) {
		t.Errorf("with ShowSecrets the guide URL is the one a request sends: %s", r.GuideURL)
	}
}
