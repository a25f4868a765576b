package session

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestConfirmingGETRedirectedToAnotherHostSendsNoReferer(t *testing.T) {
	var referer atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		referer.Store(r.Referer())
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/lb/1.ts", http.StatusFound)
	}))
	defer first.Close()
	m := newManager(t, Options{Player: fakePlayer(t), Direct: true})
	ch := playlist.Channel{Name: "News", URL: first.URL + "/live/alice/s3cret/1.ts"}
	err := m.confirm(context.Background(), ch, Account{}, errors.New("player failed"))
	var re *RefusedError
	if !errors.As(err, &re) || re.Refusal.Status != http.StatusUnauthorized {
		t.Fatalf("confirm = %v, want the provider's 401", err)
	}
	if ref, _ := referer.Load().(string); ref != "" {
		t.Errorf("Referer %q reached the redirect's host", ref)
	}
}
