package diagnose

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// A 404 or a 400 on a replay says the programme left the archive and how
// long the channel keeps; a 400 on a live channel is no such thing, and a
// 401 on a replay is the occupied slot as for a channel.
func TestGoneReplay(t *testing.T) {
	replay := playlist.Channel{URL: "http://p.example/timeshift/alice/***/60/2026-11-30:21-00/5.ts",
		Extra: &playlist.Extra{Kind: playlist.KindReplay, Catchup: "xc", CatchupDays: "3"}}
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest} {
		r := loadResponse(t, "404")
		r.Status, r.URL = status, replay.URL
		e := Evidence{Refusal: r, Now: testNow}
		e.About(replay)
		d := Diagnose(e)
		checkTexts(t, d)
		if d.Kind != Gone || !strings.Contains(d.Summary, "no longer in the archive (this channel keeps 3 days)") {
			t.Errorf("%d: %v %q: %q", status, d.Kind, d.Title, d.Summary)
		}
	}
	live := loadResponse(t, "404")
	live.Status = http.StatusBadRequest
	if d := Diagnose(Evidence{Refusal: live, Now: testNow}); d.Kind == Gone {
		t.Errorf("a 400 on a live channel is called gone: %q", d.Summary)
	}
	slot := loadResponse(t, "401-empty")
	e := Evidence{Refusal: slot, Source: SourceHTTP, Now: testNow}
	e.About(replay)
	dl := Diagnose(Evidence{Refusal: loadResponse(t, "401-empty"), Source: SourceHTTP, Now: testNow})
	if d := Diagnose(e); d.Kind != dl.Kind || d.Title != dl.Title {
		t.Errorf("a 401 on a replay is %v %q, on a channel %v %q", d.Kind, d.Title, dl.Kind, dl.Title)
	}
}
