package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestProbeRedirectedToAnotherHostSendsNoRefererNorChannelHeaders(t *testing.T) {
	var seen atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Clone())
		w.Header().Set("Content-Type", "video/mp2t")
		w.Write(make([]byte, 188*10))
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/lb/1.ts", http.StatusFound)
	}))
	defer first.Close()
	c := New(Options{ProbeTime: 50 * time.Millisecond, Timeout: 5 * time.Second})
	tg := target{name: "One", url: first.URL + "/live/alice/" + testPassword + "/1.ts",
		headers: []playlist.Header{{Name: "X-Api-Key", Value: "k3y"}, {Name: "User-Agent", Value: "VLC/3.0"}}}
	var extra int
	if _, ref := c.probe(context.Background(), tg, &extra); ref != nil {
		t.Fatalf("probe refused: %+v", ref)
	}
	got, _ := seen.Load().(http.Header)
	if ref := got.Get("Referer"); ref != "" {
		t.Errorf("Referer %q reached the redirect's host", ref)
	}
	if got.Get("X-Api-Key") != "" {
		t.Error("a channel header reached another host")
	}
	if got.Get("User-Agent") != "VLC/3.0" {
		t.Errorf("User-Agent %q, want the channel's", got.Get("User-Agent"))
	}
}
