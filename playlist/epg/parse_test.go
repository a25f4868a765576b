package epg

import (
	"bytes"
	"compress/gzip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func parseString(t *testing.T, doc string) *Guide {
	t.Helper()
	g, err := Parse(strings.NewReader(doc), "test")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return g
}

func mustKey(t *testing.T, g *Guide, id string) Key {
	t.Helper()
	k, ok := g.Lookup(id)
	if !ok {
		t.Fatalf("no channel %q", id)
	}
	return k
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func titles(ps []Programme) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return out
}

func TestParseSample(t *testing.T) {
	f, err := os.Open("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := Parse(f, "sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	st := g.Stats
	if st.Channels != 3 || st.Programmes != 8 || st.Skipped != 5 || st.Duplicates != 1 {
		t.Errorf("stats = %+v, want 3 channels, 8 programmes, 5 skipped, 1 duplicate", st)
	}
	if len(st.Problems) != 5 || !strings.HasPrefix(st.Problems[0], "sample.xml: channel at byte ") {
		t.Errorf("problems = %q", st.Problems)
	}

	bbc := mustKey(t, g, "BBCOne.uk")
	ch, _ := g.ChannelOf(bbc)
	if !slices.Equal(ch.Names, []string{"BBC One", "BBC 1"}) || ch.Icon != "https://logos.example/bbc1.png?a=1&b=2" {
		t.Errorf("channel = %+v", ch)
	}
	day := g.Schedule(bbc, utc("2026-11-23 00:00"), utc("2026-11-24 00:00"))
	want := []string{"Breakfast", "Homes <Under> the Hammer", "Bargain Hunt", "Duplicate start keeps the first", "After the broken one"}
	if !slices.Equal(titles(day), want) {
		t.Fatalf("titles = %q, want %q", titles(day), want)
	}
	b := day[0]
	if b.Desc != "News, weather & sport." || !slices.Equal(b.Categories, []string{"News", "Current affairs"}) {
		t.Errorf("breakfast = %+v", b)
	}
	h := day[1]
	if h.SubTitle != "Lot 1 & more" || h.Episode != "S26E11" {
		t.Errorf("homes = %+v", h)
	}
	if day[2].Episode != "S12E03" || !day[2].Stop.Equal(utc("2026-11-23 10:45")) {
		t.Errorf("bargain hunt = %+v, want onscreen episode and stop from the next start", day[2])
	}

	arte := g.Schedule(mustKey(t, g, "Arte.fr"), utc("2026-11-23 00:00"), utc("2026-11-24 00:00"))
	if len(arte) != 2 || !arte[0].Start.Equal(utc("2026-11-23 12:15")) || arte[0].Desc != "Actualités du jour.\nDeuxième ligne." {
		t.Errorf("arte = %+v", arte)
	}
	imp := g.Schedule(mustKey(t, g, "Implicit.de"), utc("2026-11-23 00:00"), utc("2026-11-24 00:00"))
	if len(imp) != 1 || !imp[0].Stop.IsZero() {
		t.Errorf("implicit = %+v", imp)
	}
}

func TestParseBrokenEntries(t *testing.T) {
	const ok = `<programme start="20260101000000" channel="a"><title>ok</title></programme>`
	tests := []struct {
		name          string
		doc           string
		progs, broken int
	}{
		{"bad start", `<tv><programme start="2026" channel="a"/>` + ok + `</tv>`, 1, 1},
		{"missing start", `<tv><programme channel="a"></programme>` + ok + `</tv>`, 1, 1},
		{"bad offset", `<tv><programme start="20260101000000 +99" channel="a"/>` + ok + `</tv>`, 1, 1},
		{"bad stop", `<tv><programme start="20260101000000" stop="x" channel="a"/>` + ok + `</tv>`, 1, 1},
		{"no channel", `<tv><programme start="20260101000000"/>` + ok + `</tv>`, 1, 1},
		{"not closed", `<tv><programme start="20260101000000" channel="a">` + ok + `</tv>`, 1, 1},
		{"cut off", `<tv>` + ok + `<programme start="20260102000000" channel="a"><title>x`, 1, 1},
		{"start tag cut off", `<tv>` + ok + `<programme start="2026`, 1, 1},
		{"channel without id", `<tv><channel><display-name>x</display-name></channel>` + ok + `</tv>`, 1, 1},
		{"stop before start kept without stop", `<tv><programme start="20260101000000" stop="20251231000000" channel="b"/>` + ok + `</tv>`, 2, 0},
		{"unknown entity kept", `<tv><programme start="20260101000000" channel="b"><title>A &foo; B</title></programme>` + ok + `</tv>`, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := parseString(t, tt.doc)
			if g.Stats.Programmes != tt.progs || g.Stats.Skipped != tt.broken {
				t.Errorf("programmes %d, skipped %d; want %d, %d (%q)", g.Stats.Programmes, g.Stats.Skipped, tt.progs, tt.broken, g.Stats.Problems)
			}
		})
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"entities", "Tom &amp; Jerry &lt;3 &quot;x&quot; &apos;y&apos; &#233;&#xE9;", `Tom & Jerry <3 "x" 'y' éé`},
		{"cdata", "<![CDATA[a & b <i>]]>", "a & b <i>"},
		{"stray tag dropped", "a <b>bold</b> c", "a bold c"},
		{"comment dropped", "a<!-- x -->b", "ab"},
		{"crlf", "line1\r\nline2\rline3", "line1\nline2\nline3"},
		{"trimmed", "\n   spaced  \n ", "spaced"},
		{"latin1 bytes", "Caf\xe9", "Café"},
		{"bad numeric entity", "a &#xZZ; b", "a &#xZZ; b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := parseString(t, `<tv><programme start="20260101000000" channel="a"><title>`+tt.title+`</title></programme></tv>`)
			now, _ := g.NowNext(mustKey(t, g, "a"), utc("2026-01-01 00:30"))
			if now == nil || now.Title != tt.want {
				t.Errorf("title = %+v, want %q", now, tt.want)
			}
		})
	}
}

func TestParseGzipAndLatin1(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<tv><channel id=\"a\"><display-name>Caf\xe9 TV</display-name></channel>" +
		"<programme start=\"20260101000000 +0000\" channel=\"a\"><title>Fran\xe7ais</title></programme></tv>"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(doc))
	zw.Close()
	for name, input := range map[string][]byte{"plain": []byte(doc), "gzip": gz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			g, err := Parse(bytes.NewReader(input), "guide.xml")
			if err != nil {
				t.Fatal(err)
			}
			k := mustKey(t, g, "a")
			ch, _ := g.ChannelOf(k)
			now, _ := g.NowNext(k, utc("2026-01-01 01:00"))
			if ch.Names[0] != "Café TV" || now == nil || now.Title != "Français" {
				t.Errorf("names %q, now %+v", ch.Names, now)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, doc string
		problem   playlist.Problem
	}{
		{"html page", "<html><body>Forbidden</body></html>", playlist.NotPlaylist},
		{"empty", "", playlist.NotPlaylist},
		{"broken gzip", "\x1f\x8b\x08\x00garbage", playlist.NotPlaylist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc), "guide.xml")
			if playlist.ProblemOf(err) != tt.problem || !strings.HasPrefix(err.Error(), "guide.xml: ") {
				t.Errorf("err = %v, want problem %q", err, tt.problem)
			}
		})
	}
	g := parseString(t, "<tv></tv>")
	if g.NumChannels() != 0 {
		t.Errorf("empty guide has %d channels", g.NumChannels())
	}
}

// A reader that returns one byte at a time moves every element across
// buffer boundaries.
type byteReader struct{ s string }

func (r *byteReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, os.ErrClosed
	}
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

func TestParseSmallReads(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	whole := parseString(t, string(data))
	_, err = Parse(&byteReader{s: string(data)}, "sample.xml")
	// The reader ends with an error rather than io.EOF: that is reported.
	if playlist.ProblemOf(err) != playlist.Unreachable {
		t.Fatalf("err = %v", err)
	}
	g, err := Parse(&oneByte{r: bytes.NewReader(data)}, "sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	if g.Stats.Programmes != whole.Stats.Programmes || g.Stats.Skipped != whole.Stats.Skipped {
		t.Errorf("byte-wise stats %+v, whole %+v", g.Stats, whole.Stats)
	}
}

type oneByte struct{ r *bytes.Reader }

func (o *oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:1]) }

func TestParseLongTextClipped(t *testing.T) {
	long := strings.Repeat("é", maxText) // twice maxText bytes
	g := parseString(t, `<tv><programme start="20260101000000" channel="a"><title>t</title><desc>`+long+`</desc></programme></tv>`)
	now, _ := g.NowNext(mustKey(t, g, "a"), utc("2026-01-01 00:00"))
	if len(now.Desc) != maxText || !strings.HasPrefix(long, now.Desc) {
		t.Errorf("desc of %d bytes, want the first %d bytes of the text", len(now.Desc), maxText)
	}
}

func TestParseOversizedElementSkipped(t *testing.T) {
	huge := strings.Repeat("x", maxElement+1)
	g := parseString(t, `<tv><programme start="20260101000000" channel="a"><title>big</title><desc>`+huge+`</desc></programme>
<programme start="20260101010000" channel="a"><title>after</title></programme></tv>`)
	if g.Stats.Skipped != 1 || g.Stats.Programmes != 1 || !strings.Contains(g.Stats.Problems[0], "larger than 4 MB") {
		t.Fatalf("stats %+v", g.Stats)
	}
	if now, _ := g.NowNext(mustKey(t, g, "a"), utc("2026-01-01 01:00")); title(now) != "after" {
		t.Errorf("now = %s", title(now))
	}
}

func TestParseCutOffGzip(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	z := gz(string(data))
	_, err = Parse(strings.NewReader(z[:len(z)/2]), "guide.xml.gz")
	if playlist.ProblemOf(err) != playlist.NotPlaylist || !strings.Contains(err.Error(), "cut-off gzip") {
		t.Errorf("err = %v", err)
	}
}
