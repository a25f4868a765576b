package gate

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestUpstreamRedirectToAnotherHostSendsNoRefererNorChannelHeaders(t *testing.T) {
	var seen atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Clone())
		w.Header().Set("Content-Type", "video/mp2t")
		w.Write([]byte("TS-PACKET"))
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/lb/7.ts", http.StatusFound)
	}))
	defer first.Close()
	var log bytes.Buffer
	g := newGate(t)
	h := http.Header{"User-Agent": {"VLC/3.0"}, "X-Api-Key": {"k3y"}, "Cookie": {"sid=c00kie"}}
	s, err := g.Open(context.Background(), Request{
		URL: first.URL + "/live/alice/" + secret + "/7.ts", Header: h,
		Log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	got, _ := seen.Load().(http.Header)
	if ref := got.Get("Referer"); ref != "" {
		t.Errorf("Referer %q reached the redirect's host", ref)
	}
	if got.Get("X-Api-Key") != "" || got.Get("Cookie") != "" {
		t.Errorf("channel headers reached another host: %v", got)
	}
	if got.Get("User-Agent") != "VLC/3.0" {
		t.Errorf("User-Agent %q, want the channel's", got.Get("User-Agent"))
	}
	if !strings.Contains(log.String(), "X-Api-Key") || strings.Contains(log.String(), "k3y") {
		t.Errorf("debug log %q should name the header left behind, not its value", log.String())
	}
}
