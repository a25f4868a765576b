package diagnose

import (
	"strings"
	"testing"
)

// TestGoneTitle: a 404 for a movie or an episode says the title left the
// provider's catalogue; a live channel's 404 keeps its own words, and a 401
// on a movie is the occupied slot as for a channel.
func TestGoneTitle(t *testing.T) {
	for _, tc := range []struct{ url, kind string }{
		{"http://provider.example:8080/movie/alice/***/7.mp4", "movie"},
		{"http://provider.example:8080/series/alice/***/9.mkv", "episode"},
		{"http://provider.example:8080/live/alice/***/1001.ts", ""},
	} {
		r := loadResponse(t, "404")
		r.URL = tc.url
		d := Diagnose(Evidence{Refusal: r, Now: testNow})
		checkTexts(t, d)
		inCatalogue := strings.Contains(d.Summary, "no longer in the provider's catalogue")
		if d.Kind != Gone || inCatalogue != (tc.kind != "") || (tc.kind != "" && !strings.Contains(d.Summary, tc.kind)) {
			t.Errorf("%s: %v %q: %q", tc.url, d.Kind, d.Title, d.Summary)
		}
	}
	live := loadResponse(t, "401-empty")
	movie := loadResponse(t, "401-empty")
	movie.URL = "http://provider.example:8080/movie/alice/***/7.mp4"
	dl, dm := Diagnose(Evidence{Refusal: live, Source: SourceHTTP, Now: testNow}), Diagnose(Evidence{Refusal: movie, Source: SourceHTTP, Now: testNow})
	if dl.Kind != dm.Kind || dl.Title != dm.Title {
		t.Errorf("a 401 on a movie is %v %q, on a channel %v %q", dm.Kind, dm.Title, dl.Kind, dl.Title)
	}
}
