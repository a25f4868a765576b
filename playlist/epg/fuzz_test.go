package epg

import (
	"bytes"
	"os"
	"runtime"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		string(sample), threeShows, matchGuide, gz(threeShows), "",
		`<tv><programme start="20260101000000 +0100" channel="a"><title>&#x1F4FA; &amp;</title></programme></tv>`,
		`<tv><programme start="20260101000000" channel="a"><programme start="20260101000000" channel="a">`,
		`<channel id="x"><display-name><![CDATA[a]]></display-name><icon src='s'/></channel>`,
		`<?xml version="1.0" encoding="latin1"?><tv><channel id="\xe9"/></tv>`,
		`<tv><!-- <programme --><programme start="2026010100" stop="2025" channel="a"/></tv>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		g, err := Parse(bytes.NewReader(data), "fuzz")
		runtime.ReadMemStats(&after)
		if err != nil {
			return
		}
		compressed := len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b
		// Memory stays proportional to the input: a fixed amount for
		// buffers plus a small multiple of the bytes read.
		if alloc := after.TotalAlloc - before.TotalAlloc; !compressed && alloc > uint64(32*len(data)+2<<20) {
			t.Errorf("allocated %d bytes for %d bytes of input", alloc, len(data))
		}
		checkGuide(t, g)
		var buf bytes.Buffer
		if err := writeGuide(&buf, g); err != nil {
			t.Fatal(err)
		}
		back, err := readGuide(&buf, int64(buf.Len()))
		if err != nil {
			t.Fatalf("cache round trip: %v", err)
		}
		if back.Stats.Programmes != g.Stats.Programmes || back.NumChannels() != g.NumChannels() {
			t.Errorf("cache round trip changed the guide")
		}
	})
}

// checkGuide verifies what every guide promises: programmes per channel in
// start order, a stop after its start, and now-next agreeing with the
// schedule.
func checkGuide(t *testing.T, g *Guide) {
	t.Helper()
	for i := range g.NumChannels() {
		ch := g.Channel(i)
		k, ok := g.Lookup(ch.ID)
		if !ok {
			t.Fatalf("channel %q not found by its id", ch.ID)
		}
		all := g.Schedule(k, time.Unix(-1<<40, 0), time.Unix(1<<40, 0))
		if len(all) != ch.Programmes {
			t.Fatalf("schedule has %d programmes, channel says %d", len(all), ch.Programmes)
		}
		for j, p := range all {
			if !p.Stop.IsZero() && !p.Stop.After(p.Start) {
				t.Errorf("programme %q stops at %v before its start %v", p.Title, p.Stop, p.Start)
			}
			if j > 0 && !all[j-1].Start.Before(p.Start) {
				t.Errorf("programmes out of order or duplicated at %d", j)
			}
			if now, _ := g.NowNext(k, p.Start); now == nil || !now.Start.Equal(p.Start) {
				t.Errorf("NowNext at the start of %q gives %v", p.Title, now)
			}
		}
	}
}
