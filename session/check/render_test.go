package check

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func boolp(b bool) *bool   { return &b }
func mask(s string) string { return strings.ReplaceAll(s, "pw-123", "***") }

func TestRows(t *testing.T) {
	expires := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	server := time.Date(2026, 12, 2, 18, 4, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		r    Report
		want []string // "key=value"
	}{
		{"an unreachable playlist says only that", Report{Type: TypePlaylist}, []string{"reachable=no"}},
		{"an account that works", Report{
			Type: TypeXtream, Server: "http://h.test:8080", Username: "alice", Reachable: true, Auth: boolp(true), Status: "Active",
			ExpiresAt: &expires, DaysLeft: intp(44), Connections: &Connections{Active: 1, Max: 2, Free: 1},
			AllowedFormats: []string{"m3u8", "ts"}, Timezone: "UTC", ServerTime: &server, Channels: intp(40), Groups: intp(3),
			GuideURL: "http://h.test:8080/xmltv.php", Requests: 4,
		}, []string{
			"server=http://h.test:8080", "username=alice", "reachable=yes", "credentials=accepted", "status=Active",
			"expires=2027-01-15 (44 days left)", "connections=1 in use of 2 allowed (1 free)", "formats=m3u8, ts",
			"time zone=UTC (server time 2026-12-02 18:04 UTC)", "playlist=40 channels in 3 groups",
			"guide=http://h.test:8080/xmltv.php", "requests=4",
		}},
		{"rejected credentials leave expiry out", Report{Type: TypeXtream, Reachable: true, Auth: boolp(false), ExpiresAt: &expires},
			[]string{"reachable=yes", "credentials=rejected"}},
		{"an account that never expires, without a limit", Report{Type: TypeXtream, Reachable: true, Auth: boolp(true), Connections: &Connections{Active: 3}},
			[]string{"reachable=yes", "credentials=accepted", "expires=never (no expiry date)", "connections=3 in use, limit not given"}},
		{"one day left", Report{Type: TypeXtream, Reachable: true, Auth: boolp(true), ExpiresAt: &expires, DaysLeft: intp(1)},
			[]string{"reachable=yes", "credentials=accepted", "expires=2027-01-15 (1 day left)"}},
		{"expired", Report{Type: TypeXtream, Reachable: true, Auth: boolp(true), ExpiresAt: &expires, DaysLeft: intp(-3)},
			[]string{"reachable=yes", "credentials=accepted", "expires=2027-01-15 (3 days ago)"}},
		{"server time without a zone, and an unknown zone", Report{Reachable: true, ServerTime: &server},
			[]string{"reachable=yes", "time zone=server time 2026-12-02 18:04 UTC"}},
		{"a zone tuner cannot load", Report{Reachable: true, Timezone: "Nowhere/Atlantis", ServerTime: &server},
			[]string{"reachable=yes", "time zone=Nowhere/Atlantis (server time 2026-12-02 18:04 UTC)"}},
		{"probes and a note", Report{Reachable: true, ProbeNote: "only one free slot", Probes: []Probe{
			{Channel: "One", Format: FormatTS, OK: true, Bytes: 3 << 20, Seconds: 3, BytesPerSecond: 1 << 20},
			{Channel: "Two", Format: FormatHLS, OK: true, Bytes: 512 << 10, MediaSeconds: 6, BytesPerSecond: 90 << 10,
				Variants: []Variant{{Resolution: "1280x720", Bandwidth: 2500000, Codecs: "avc1"}, {Bandwidth: 800000}}},
			{Channel: "Three", Format: FormatTS, Error: "HTTP 401\nUnauthorized"},
			{Channel: "Four", Format: FormatTS, OK: true, Bytes: 700, Seconds: 0.5, BytesPerSecond: 1400},
		}}, []string{
			"reachable=yes",
			"probe=One (ts): read 3.0 MB in 3.0 s, 1.0 MB/s",
			"probe=Two (hls): 1280x720 2500 kbit/s avc1; - 800 kbit/s -; first segment 512 KB, 6.0 s of media, 90 KB/s",
			"probe=Three (ts): HTTP 401 Unauthorized",
			"probe=Four (ts): read 700 bytes in 0.5 s, 1 KB/s",
			"note=only one free slot",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, row := range tc.r.Rows(false) {
				got = append(got, row.Key+"="+row.Value)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestWriteTextAlignsAndMasks(t *testing.T) {
	r := Report{Source: "alice@h.test", Type: TypePlaylist, Reachable: true, GuideURL: "http://h.test/xmltv.php?password=pw-123",
		Channels: intp(2), Groups: intp(1), Verdict: "FAIL: pw-123 rejected"}
	var b strings.Builder
	if err := r.WriteText(&b, mask, false); err != nil {
		t.Fatal(err)
	}
	want := "alice@h.test\n" +
		"  reachable  yes\n" +
		"  playlist   2 channels in 1 groups\n" +
		"  guide      http://h.test/xmltv.php?password=***\n" +
		"FAIL: *** rejected\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteJSONIsOneMaskedLine(t *testing.T) {
	r := Report{Source: "a&b", GuideURL: "http://h.test/x?p=pw-123", Outcome: OK}
	r.normalize()
	var b strings.Builder
	if err := r.WriteJSON(&b, mask); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") || strings.Contains(out, "pw-123") || !strings.Contains(out, `"a&b"`) {
		t.Fatalf("not one masked, unescaped line: %q", out)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(out), &back); err != nil || back["guide_url"] != "http://h.test/x?p=***" {
		t.Fatalf("decoded %v (%v)", back, err)
	}
}

func TestSummary(t *testing.T) {
	ok := &Report{Source: "a", Outcome: OK, Verdict: "OK"}
	noSlot := &Report{Source: "b", Outcome: NoSlot, Verdict: "no free connection"}
	rejected := &Report{Source: "c", Outcome: Rejected, Verdict: "credentials rejected"}
	for _, tc := range []struct {
		name    string
		rs      []*Report
		want    Outcome
		wantMsg string
	}{
		{"all OK", []*Report{ok, ok}, OK, ""},
		{"one source failed: its verdict says it all", []*Report{noSlot}, NoSlot, ""},
		{"the failures of several, by name", []*Report{ok, noSlot, rejected}, NoSlot, "2 of 3 sources failed: b, c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, msg := Summary(tc.rs)
			if got != tc.want || msg != tc.wantMsg {
				t.Errorf("got %q, %q; want %q, %q", got, msg, tc.want, tc.wantMsg)
			}
		})
	}
}

func TestRowsCountManyGuides(t *testing.T) {
	var urls []string
	for i := range 104 {
		urls = append(urls, fmt.Sprintf("http://epg%d.test/guide.xml", i))
	}
	r := &Report{Source: "big.m3u", Type: TypePlaylist, Reachable: true, GuideURL: strings.Join(urls, ",")}
	var guides []Row
	for _, row := range r.Rows(false) {
		if strings.HasPrefix(row.Key, "guide") {
			guides = append(guides, row)
		}
	}
	want := Row{"guides", "104, the first http://epg0.test/guide.xml (--verbose lists them all)"}
	if len(guides) != 1 || guides[0] != want {
		t.Errorf("guide rows %q, want only %q", guides, want)
	}
	n := 0
	for _, row := range r.Rows(true) {
		if row.Key == "guide" {
			if row.Value != urls[n] {
				t.Errorf("verbose guide row %d = %q, want %q", n, row.Value, urls[n])
			}
			n++
		}
	}
	if n != len(urls) {
		t.Errorf("verbose lists %d guides, want %d", n, len(urls))
	}
	one := &Report{GuideURL: urls[0]}
	if rows := one.Rows(false); len(rows) != 2 || rows[1] != (Row{"guide", urls[0]}) {
		t.Errorf("one guide: rows %q", rows)
	}
}
