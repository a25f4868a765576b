package remote

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

const playlistBody = "#EXTM3U\n#EXTINF:-1,One\nhttp://example.invalid/1.ts\n"

func get(t *testing.T, rawURL string, opt Options) (string, error) {
	t.Helper()
	resp, err := Fetch(context.Background(), rawURL, opt)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func wantProblem(t *testing.T, err error, p playlist.Problem, detail string) {
	t.Helper()
	var pe *playlist.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *playlist.Error", err, err)
	}
	if pe.Problem != p {
		t.Errorf("problem %q, want %q (error %q)", pe.Problem, p, err)
	}
	if !strings.Contains(pe.Detail, detail) {
		t.Errorf("detail %q, want it to contain %q", pe.Detail, detail)
	}
	if strings.ContainsAny(err.Error(), "\n") {
		t.Errorf("error is not one line: %q", err)
	}
}

func TestStatusErrors(t *testing.T) {
	tests := []struct {
		name    string
		code    int
		problem playlist.Problem
		detail  string
	}{
		{"unauthorized", 401, playlist.Refused, "refused with HTTP 401 Unauthorized"},
		{"forbidden", 403, playlist.Refused, "refused with HTTP 403 Forbidden"},
		{"not found", 404, playlist.Refused, "not found (HTTP 404)"},
		{"rate limited", 429, playlist.Refused, "HTTP 429"},
		{"server error", 503, playlist.Unreachable, "server error (HTTP 503 Service Unavailable)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.code)
			}))
			defer srv.Close()
			_, err := get(t, srv.URL+"/list.m3u", Options{})
			wantProblem(t, err, tt.problem, tt.detail)
			var pe *playlist.Error
			errors.As(err, &pe)
			if pe.Status != tt.code {
				t.Errorf("status %d, want %d", pe.Status, tt.code)
			}
		})
	}
}

func TestErrorsMaskPassword(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	u := strings.Replace(srv.URL, "http://", "http://bob:hunter22@", 1) + "/get.php?username=bob&password=hunter22"
	_, err := get(t, u, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	noSecret(t, err, "hunter22")
}

func TestUserAgent(t *testing.T) {
	tests := []struct {
		name, set, want string
	}{
		{"default", "", DefaultUserAgent},
		{"settable", "VLC/3.0.20 LibVLC/3.0.20", "VLC/3.0.20 LibVLC/3.0.20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got atomic.Value
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got.Store(r.UserAgent())
				io.WriteString(w, playlistBody)
			}))
			defer srv.Close()
			if _, err := get(t, srv.URL, Options{UserAgent: tt.set}); err != nil {
				t.Fatal(err)
			}
			if got.Load() != tt.want {
				t.Errorf("User-Agent %q, want %q", got.Load(), tt.want)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	gz := gzipBytes(t, playlistBody)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"content encoding", func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Accept-Encoding") != "gzip" {
				t.Errorf("Accept-Encoding %q", r.Header.Get("Accept-Encoding"))
			}
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
		}},
		{"gz file by magic bytes", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(gz)
		}},
		{"gz file sent with content encoding too", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(t, string(gz)))
		}},
		{"plain", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, playlistBody)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			got, err := get(t, srv.URL+"/list.m3u.gz", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got != playlistBody {
				t.Errorf("body %q, want %q", got, playlistBody)
			}
		})
	}
}

func TestCorruptGzip(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		io.WriteString(w, "this is not gzip")
	}))
	defer srv.Close()
	_, err := get(t, srv.URL, Options{})
	wantProblem(t, err, playlist.NotPlaylist, "corrupt gzip")
}

func gzipBytes(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSizeCap(t *testing.T) {
	big := strings.Repeat("x", 3000)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"content length over the cap", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big)
		}},
		{"chunked body over the cap", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 3; i++ {
				io.WriteString(w, big[:1000])
				w.(http.Flusher).Flush()
			}
		}},
		{"gzip that inflates over the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(t, big))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			_, err := get(t, srv.URL, Options{MaxBytes: 2 << 10})
			wantProblem(t, err, playlist.TooLarge, "too large (over 2 KB)")
		})
	}
	t.Run("exactly at the cap", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big)
		}))
		defer srv.Close()
		got, err := get(t, srv.URL, Options{MaxBytes: int64(len(big))})
		if err != nil || got != big {
			t.Fatalf("got %d bytes, %v", len(got), err)
		}
	})
}

func TestSizeCapMessage(t *testing.T) {
	f := &fetch{c: NewClient(Options{}), src: "x"}
	if got := f.tooLarge().Error(); got != "x: too large (over 512 MB)" {
		t.Errorf("got %q", got)
	}
}

func TestTimeouts(t *testing.T) {
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
	}{
		{"no first byte", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{"stalled mid-body after headers", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			io.WriteString(w, "#EXTM3U\n")
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tt.handler))
			defer srv.Close()
			_, err := get(t, srv.URL+"/?password=hunter22", Options{IdleTimeout: 200 * time.Millisecond})
			wantProblem(t, err, playlist.TimedOut, "timed out after 200ms with no data")
			if errors.Is(err, context.Canceled) {
				t.Error("an idle timeout reads as the caller's cancellation")
			}
			noSecret(t, err, "hunter22")
		})
	}
}

func TestSlowSteadyServerIsNotCut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 8; i++ {
			io.WriteString(w, "x")
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	}))
	defer srv.Close()
	// Eight 50 ms gaps add up to more than the idle timeout; only a gap
	// longer than it may cut the download.
	got, err := get(t, srv.URL, Options{IdleTimeout: 300 * time.Millisecond})
	if err != nil || got != "xxxxxxxx" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestCallerCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := Fetch(ctx, srv.URL+"/?password=hunter22", Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	noSecret(t, err, "hunter22")
}

// noSecret checks the whole chain of wrapped errors.
func noSecret(t *testing.T, err error, secret string) {
	t.Helper()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), secret) {
			t.Errorf("error %q shows the secret", e)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = get(t, "http://bob:hunter22@"+addr+"/list.m3u?password=hunter22", Options{})
	wantProblem(t, err, playlist.Unreachable, "cannot connect: connection refused")
	noSecret(t, err, "hunter22")
}

func TestNotHTTP(t *testing.T) {
	_, err := get(t, "ftp://127.0.0.1/x", Options{})
	wantProblem(t, err, playlist.Invalid, "not an http(s) URL")
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		if n == 0 {
			io.WriteString(w, playlistBody)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	t.Run("ten hops", func(t *testing.T) {
		got, err := get(t, srv.URL+"/hop/10", Options{})
		if err != nil || got != playlistBody {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("eleven hops", func(t *testing.T) {
		_, err := get(t, srv.URL+"/hop/11", Options{})
		wantProblem(t, err, playlist.Unreachable, "too many redirects")
	})
}

func TestCredentialsNotForwardedToAnotherHost(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Store(true)
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="other"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/list.m3u", http.StatusFound)
	}))
	defer first.Close()
	u := strings.Replace(first.URL, "http://", "http://bob:secret@", 1)
	_, err := get(t, u, Options{})
	wantProblem(t, err, playlist.Refused, "HTTP 401")
	if leaked.Load() {
		t.Error("credentials were sent to the host the redirect pointed at")
	}
}

func TestRedirectKeepsCredentialsOnSameHost(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	mux.Handle("/new", basicOnly("bob", "secret", playlistBody))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	got, err := get(t, srv.URL+"/old", Options{Username: "bob", Password: "secret"})
	if err != nil || got != playlistBody {
		t.Fatalf("got %q, %v", got, err)
	}
}

func basicOnly(user, pass, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || u != user || p != pass {
			w.Header().Set("WWW-Authenticate", `Basic realm="tv", charset="UTF-8"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		io.WriteString(w, body)
	})
}

func TestBasicAuth(t *testing.T) {
	srv := httptest.NewServer(basicOnly("bob", "p@ss:word", playlistBody))
	defer srv.Close()
	withUser := func(userinfo string) string {
		return strings.Replace(srv.URL, "http://", "http://"+userinfo+"@", 1) + "/list.m3u"
	}
	tests := []struct {
		name    string
		url     string
		opt     Options
		refused bool
	}{
		{"from URL userinfo", withUser("bob:p%40ss%3Aword"), Options{}, false},
		{"from options", srv.URL, Options{Username: "bob", Password: "p@ss:word"}, false},
		{"wrong password", withUser("bob:nope"), Options{}, true},
		{"no credentials", srv.URL, Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := get(t, tt.url, tt.opt)
			if tt.refused {
				wantProblem(t, err, playlist.Refused, "refused with HTTP 401 Unauthorized")
				return
			}
			if err != nil || got != playlistBody {
				t.Fatalf("got %q, %v", got, err)
			}
		})
	}
}

// digestServer checks RFC 7616 answers the way a server would, computing the
// expected response from its own copy of the password.
func digestServer(t *testing.T, user, pass, algorithm string, challenges string) http.Handler {
	const realm, nonce, opaque = "tv@example", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "5ccc069c403ebaf9f0171e9517f40e41"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authz := r.Header.Get("Authorization")
		if !strings.HasPrefix(authz, "Digest ") || !digestValid(authz, user, pass, algorithm, realm, nonce, opaque, r.URL.RequestURI()) {
			w.Header().Add("WWW-Authenticate", strings.NewReplacer("REALM", realm, "NONCE", nonce, "OPAQUE", opaque).Replace(challenges))
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		io.WriteString(w, playlistBody)
	})
}

func digestValid(authz, user, pass, algorithm, realm, nonce, opaque, uri string) bool {
	chs := parseChallenges(authz)
	if len(chs) != 1 {
		return false
	}
	p := chs[0].params
	var newHash func() hash.Hash = md5.New
	if algorithm == "SHA-256" {
		newHash = sha256.New
	}
	h := func(s string) string {
		x := newHash()
		io.WriteString(x, s)
		return hex.EncodeToString(x.Sum(nil))
	}
	if p["username"] != user || p["realm"] != realm || p["nonce"] != nonce || p["opaque"] != opaque || p["uri"] != uri || p["qop"] != "auth" {
		return false
	}
	if !strings.EqualFold(p["algorithm"], algorithm) {
		return false
	}
	ha1 := h(user + ":" + realm + ":" + pass)
	ha2 := h("GET:" + uri)
	want := h(strings.Join([]string{ha1, nonce, p["nc"], p["cnonce"], "auth", ha2}, ":"))
	return p["response"] == want
}

func TestDigestAuth(t *testing.T) {
	tests := []struct {
		name       string
		algorithm  string
		challenges string
		pass       string
		refused    bool
	}{
		{"MD5", "MD5", `Digest realm="REALM", qop="auth", algorithm=MD5, nonce="NONCE", opaque="OPAQUE"`, "s3cret", false},
		{"MD5 by default", "", `Digest realm="REALM", qop="auth,auth-int", nonce="NONCE", opaque="OPAQUE"`, "s3cret", false},
		{"SHA-256", "SHA-256", `Digest realm="REALM", qop="auth", algorithm=SHA-256, nonce="NONCE", opaque="OPAQUE"`, "s3cret", false},
		{"SHA-256 preferred over MD5 and Basic in one header", "SHA-256",
			`Basic realm="REALM", Digest realm="REALM", qop="auth", algorithm=MD5, nonce="NONCE", opaque="OPAQUE", Digest realm="REALM", qop="auth", algorithm=SHA-256, nonce="NONCE", opaque="OPAQUE"`,
			"s3cret", false},
		{"wrong password", "MD5", `Digest realm="REALM", qop="auth", algorithm=MD5, nonce="NONCE", opaque="OPAQUE"`, "wrong", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(digestServer(t, "alice", "s3cret", tt.algorithm, tt.challenges))
			defer srv.Close()
			u := strings.Replace(srv.URL, "http://", "http://alice:"+tt.pass+"@", 1) + "/get.php?type=m3u_plus"
			got, err := get(t, u, Options{})
			if tt.refused {
				wantProblem(t, err, playlist.Refused, "refused with HTTP 401 Unauthorized")
				return
			}
			if err != nil || got != playlistBody {
				t.Fatalf("got %q, %v", got, err)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	body := strings.Repeat("#EXTINF:-1,x\nhttp://h/1.ts\n", 5000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		io.WriteString(w, body)
	}))
	defer srv.Close()
	var lastDone, lastTotal int64
	calls := 0
	_, err := get(t, srv.URL, Options{Progress: func(done, total int64) {
		calls++
		if done < lastDone {
			t.Errorf("progress went back from %d to %d", lastDone, done)
		}
		lastDone, lastTotal = done, total
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || lastDone != int64(len(body)) || lastTotal != int64(len(body)) {
		t.Errorf("last progress %d/%d after %d calls, want %d/%d", lastDone, lastTotal, calls, len(body), len(body))
	}
}

func TestParseChallenges(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // scheme plus sorted "k=v"
	}{
		{"basic", `Basic realm="a, b"`, []string{"basic realm=a, b"}},
		{"two challenges", `Basic realm="x", Digest realm="y", nonce=abc`, []string{"basic realm=x", "digest nonce=abc realm=y"}},
		{"escaped quote", `Digest realm="a\"b"`, []string{`digest realm=a"b`}},
		{"token68", `Negotiate YWJj==, Basic realm=r`, []string{"negotiate", "basic realm=r"}},
		{"garbage", `"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ch := range parseChallenges(tt.in) {
				s := ch.scheme
				for _, k := range []string{"nonce", "realm"} {
					if v, ok := ch.params[k]; ok {
						s += " " + k + "=" + v
					}
				}
				got = append(got, s)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRedirectToAnotherHostSendsNoRefererNorOwnHeaders covers playlists and
// account calls alike: both go through a Client.
func TestRedirectToAnotherHostSendsNoRefererNorOwnHeaders(t *testing.T) {
	var got atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Clone())
		io.WriteString(w, playlistBody)
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/list.m3u", http.StatusFound)
	}))
	defer first.Close()
	opt := Options{Header: http.Header{"X-Api-Key": {"k3y"}}}
	if _, err := get(t, first.URL+"/get.php?username=bob&password=hunter22", opt); err != nil {
		t.Fatal(err)
	}
	h, _ := got.Load().(http.Header)
	if ref := h.Get("Referer"); ref != "" {
		t.Errorf("Referer %q sent to the host the redirect pointed at", ref)
	}
	if h.Get("X-Api-Key") != "" {
		t.Error("a header meant for the first host reached another one")
	}
}

func TestTrickleEndsAtTheDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		for {
			if _, err := io.WriteString(w, "#"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	// Every byte comes well within the idle timeout; only the deadline ends it.
	_, err := get(t, srv.URL+"/?password=hunter22", Options{IdleTimeout: time.Second, Deadline: 300 * time.Millisecond})
	wantProblem(t, err, playlist.TimedOut, "not finished within 300ms")
	if errors.Is(err, context.Canceled) {
		t.Error("the deadline reads as the caller's cancellation")
	}
	noSecret(t, err, "hunter22")
}

// zeros is n zero bytes (n < 0: for ever).
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n == 0 {
		return 0, io.EOF
	}
	if z.n > 0 && int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	if z.n > 0 {
		z.n -= int64(len(p))
	}
	return len(p), nil
}

func TestReadAllStopsAtTheCapWithoutHoldingMore(t *testing.T) {
	const limit = 32 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(w, &zeros{n: -1}) // chunked: no length to trust
	}))
	defer srv.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := NewClient(Options{MaxBytes: limit}).ReadAll(context.Background(), srv.URL+"/player_api.php")
	runtime.ReadMemStats(&after)
	wantProblem(t, err, playlist.TooLarge, "too large (over 32 MB)")
	if n := after.TotalAlloc - before.TotalAlloc; n > 2*limit {
		t.Errorf("allocated %d MB to refuse a body over %d MB", n>>20, limit>>20)
	}
}

func TestReadAllWithoutALength(t *testing.T) {
	body := strings.Repeat("0123456789", 1<<20/10*3)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < len(body); i += 100000 {
			io.WriteString(w, body[i:min(i+100000, len(body))])
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	got, _, err := NewClient(Options{}).ReadAll(context.Background(), srv.URL)
	if err != nil || string(got) != body {
		t.Fatalf("got %d bytes, %v; want %d", len(got), err, len(body))
	}
}
