package httpc

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// recorder keeps the headers of every request it serves.
type recorder struct {
	mu   sync.Mutex
	seen []http.Header
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	rec.seen = append(rec.seen, r.Header.Clone())
	rec.mu.Unlock()
	fmt.Fprint(w, "ok")
}

func (rec *recorder) last(t *testing.T) http.Header {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.seen) == 0 {
		t.Fatal("the redirect target was never asked")
	}
	return rec.seen[len(rec.seen)-1]
}

// redirector sends every request on to target, keeping path and query.
func redirector(target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/end" {
			fmt.Fprint(w, "ok")
			return
		}
		http.Redirect(w, r, target+"/end?"+r.URL.RawQuery, http.StatusFound)
	})
}

func get(t *testing.T, c *http.Client, u string, h http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func channelHeader() http.Header {
	return http.Header{
		"User-Agent":    {"VLC/3.0.20"},
		"X-Api-Key":     {"k3y"},
		"Authorization": {"Bearer t0ken"},
		"Cookie":        {"sid=c00kie"},
		"Referer":       {"http://portal.example/"},
	}
}

func TestRedirectToAnotherPortSendsOnlyPortableHeaders(t *testing.T) {
	other := &recorder{}
	dst := httptest.NewServer(other)
	defer dst.Close()
	src := httptest.NewServer(redirector(dst.URL))
	defer src.Close()
	var log bytes.Buffer
	c := New(Options{Log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})

	get(t, c, src.URL+"/player_api.php?username=bob&password=hunter22", channelHeader())

	got := other.last(t)
	for _, k := range []string{"Referer", "X-Api-Key", "Authorization", "Cookie"} {
		if v := got.Get(k); v != "" {
			t.Errorf("%s: %q reached another port", k, v)
		}
	}
	if got.Get("User-Agent") != "VLC/3.0.20" {
		t.Errorf("User-Agent %q, want the request's own", got.Get("User-Agent"))
	}
	line := log.String()
	if !strings.Contains(line, "another host") || !strings.Contains(line, "X-Api-Key") {
		t.Errorf("debug log %q does not say which headers stayed behind", line)
	}
	for _, secret := range []string{"hunter22", "k3y", "t0ken", "c00kie"} {
		if strings.Contains(line, secret) {
			t.Errorf("debug log shows %q: %s", secret, line)
		}
	}
}

func TestRedirectOnTheSameHostKeepsOwnHeadersButAddsNoReferer(t *testing.T) {
	rec := &recorder{}
	mux := http.NewServeMux()
	mux.HandleFunc("/start", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/end", http.StatusFound)
	})
	mux.Handle("/end", rec)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{})

	h := channelHeader()
	h.Del("Referer")
	get(t, c, srv.URL+"/start?password=hunter22", h)
	got := rec.last(t)
	if v := got.Get("Referer"); v != "" {
		t.Errorf("Referer %q added on a redirect", v)
	}
	if got.Get("X-Api-Key") != "k3y" || got.Get("Cookie") != "sid=c00kie" {
		t.Errorf("the request's own headers did not follow a redirect on its host: %v", got)
	}

	get(t, c, srv.URL+"/start?password=hunter22", channelHeader())
	if v := rec.last(t).Get("Referer"); v != "http://portal.example/" {
		t.Errorf("Referer %q, want the one the request set", v)
	}
}

func TestTooManyRedirects(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+r.URL.Path+"x", http.StatusFound)
	}))
	defer srv.Close()
	_, err := New(Options{MaxRedirects: 3}).Get(srv.URL + "/")
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("error %v, want ErrTooManyRedirects", err)
	}
}

func TestSameHost(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"http://h/x", "http://H:80/y", true},
		{"https://h/x", "https://h:443/y", true},
		{"http://h/x", "http://h:8080/y", false},
		{"http://h/x", "https://h/y", false},
		{"http://h/x", "http://sub.h/y", false},
		{"http://[::1]:80/", "http://[::1]/", true},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := SameHost(a, b); got != tt.same {
			t.Errorf("SameHost(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
