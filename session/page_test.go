package session

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

func TestPageSites(t *testing.T) {
	for raw, want := range map[string]string{
		"https://www.youtube.com/watch?v=abc":     "youtube.com",
		"https://youtu.be/abc":                    "youtu.be",
		"https://m.twitch.tv/somechannel":         "twitch.tv",
		"https://www.dailymotion.com/video/x7":    "dailymotion.com",
		"http://provider.example/live/1.ts":       "",
		"https://notyoutube.com/live.m3u8":        "",
		"https://youtube.com.evil.example/a.m3u8": "",
	} {
		if got := pageSite(raw); got != want {
			t.Errorf("pageSite(%q) = %q, want %q", raw, got, want)
		}
	}
}

// A URL that answers with a web page goes to the player as it is, so a
// player that reads pages (mpv with yt-dlp) finds the stream, and the screen
// says tuner cannot watch its connection.
func TestAWebPageGoesToThePlayerAsItIs(t *testing.T) {
	var asks atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asks.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>a channel's page</body></html>"))
	}))
	defer srv.Close()
	m := newManager(t, Options{Player: fakePlayer(t)})
	ch := playlist.Channel{Name: "Page", URL: srv.URL + "/watch?v=1"}
	err := m.Play(context.Background(), ch)
	e := waitFor(t, m, "playing or failed", func(e Event) bool { return e.State == Playing && e.Message != "" || e.State == Failed })
	if err != nil || e.State != Playing {
		t.Fatalf("Play = %v; event %v %q", err, e.State, e.Message)
	}
	if !strings.Contains(e.Note, "web page") || !strings.Contains(e.Note, "cannot watch its connection") {
		t.Errorf("Note = %q", e.Note)
	}
	// The gate asked once and let the page go; the player asked itself.
	testutil.Eventually(t, "the player to ask for the page itself", func() bool { return asks.Load() == 2 })
	if m.GateURL() != "" {
		t.Errorf("a page plays through the gate: %s", m.GateURL())
	}
}

// The free TV list names 138 YouTube and Twitch pages among its 2,059
// entries; every one of them must go to the player as it is.
func TestPageSitesOfTheFreeTVList(t *testing.T) {
	f, err := os.Open(testutil.Corpus(t, "free-tv-playlist.m3u8"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := m3u.Parse(f, "free-tv", nil)
	if err != nil {
		t.Fatal(err)
	}
	bySite := map[string]int{}
	for _, ch := range pl.Channels.All() {
		bySite[pageSite(ch.URL)]++
	}
	if got := bySite["youtube.com"] + bySite["twitch.tv"]; got != 138 {
		t.Errorf("%d YouTube and Twitch pages found, want 138 (%v)", got, bySite)
	}
}
