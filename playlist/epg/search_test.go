package epg

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

const searchGuide = `<tv>
<channel id="a"><display-name>Sport One</display-name></channel>
<channel id="b"><display-name>Kino</display-name></channel>
<programme start="20261123180000 +0000" stop="20261123200000 +0000" channel="a"><title>Fútbol: Final</title><desc>The cup final, live.</desc></programme>
<programme start="20261124180000 +0000" stop="20261124200000 +0000" channel="a"><title>Fútbol Highlights</title><desc>Goals of the week.</desc></programme>
<programme start="20261123190000 +0000" stop="20261123210000 +0000" channel="b"><title>Amélie</title><desc>A waitress in Montmartre; football on the radio.</desc></programme>
<programme start="20261120180000 +0000" stop="20261120200000 +0000" channel="b"><title>Old Football</title></programme>
</tv>`

func TestSearchFindsByTitleAndDescription(t *testing.T) {
	g, err := Parse(strings.NewReader(searchGuide), "test")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	to := from.Add(7 * 24 * time.Hour)
	titles := func(hs []Hit) string {
		var out []string
		for _, h := range hs {
			out = append(out, g.Channel(h.Channel).ID+":"+h.Programme.Title)
		}
		return strings.Join(out, ", ")
	}
	for _, tc := range []struct {
		q    string
		desc bool
		want string
	}{
		{"futbol", false, "a:Fútbol: Final, a:Fútbol Highlights"},
		{"FÚTBOL final", false, "a:Fútbol: Final"},
		{"amelie", false, "b:Amélie"},
		{"football", false, ""}, // Old Football aired before from
		{"football", true, "b:Amélie"},
		{"goals week", true, "a:Fútbol Highlights"},
		{"  ", false, ""},
	} {
		hs, err := g.Search(context.Background(), tc.q, tc.desc, from, to)
		if err != nil || titles(hs) != tc.want {
			t.Errorf("%q (desc %v): %q, %v; want %q", tc.q, tc.desc, titles(hs), err, tc.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Search(ctx, "f", false, from, to); err == nil {
		t.Error("a cancelled search answered")
	}
}

// BenchmarkSearch is a query over a week's guide of 2,000 channels, against
// a floor of one bytes.Index over the same folded text in the same run.
//
//	go test -run '^$' -bench Search -benchtime 20x ./playlist/epg/
func BenchmarkSearch(b *testing.B) {
	path, _ := bigGuide(b)
	g, err := ParseFile(path)
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	to := from.Add(7 * 24 * time.Hour)
	ix := g.searchIndex() // built once, on the first search
	start := time.Now()
	for range b.N {
		bytes.Index(ix.text, []byte("zzqq"))
	}
	floor := time.Since(start) / time.Duration(b.N)
	b.ResetTimer()
	start = time.Now()
	for range b.N {
		if _, err := g.Search(context.Background(), "news", true, from, to); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/1000, "ms/query")
	b.ReportMetric(float64(per)/float64(floor), "x-floor")
	b.ReportMetric(float64(len(g.progs)), "programmes")
}
