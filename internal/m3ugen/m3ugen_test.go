package m3ugen

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGenerateIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, w := range []struct {
		buf  *bytes.Buffer
		seed int64
	}{{&a, 1}, {&b, 1}, {&c, 2}} {
		if err := Generate(w.buf, 500, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed wrote different playlists")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds wrote the same playlist")
	}
}

func TestGenerateHasTheHardCases(t *testing.T) {
	const n = 3000
	var buf bytes.Buffer
	if err := Generate(&buf, n, 1); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if per := buf.Len() / n; per < 200 || per > 300 {
		t.Errorf("%d bytes per entry, want about 250", per)
	}
	for what, found := range map[string]bool{
		"CRLF line ends":             strings.Contains(out, "\r\n"),
		"LF-only line ends":          strings.Contains(out, "\"\n") || strings.Contains(out, ".ts\n"),
		"comma in a quoted value":    strings.Contains(out, `tvg-name="Love, Actually`),
		"logo with a query":          strings.Contains(out, "?id="),
		"#EXTVLCOPT lines":           strings.Contains(out, "#EXTVLCOPT:http-user-agent="),
		"Xtream live URLs":           strings.Contains(out, ":8080/live/demo/secret/"),
		"CJK":                        strings.Contains(out, "総合") || strings.Contains(out, "ニュース"),
		"emoji":                      strings.ContainsAny(out, "⚽🎬🐟"),
		"country-prefixed groups":    strings.Contains(out, `group-title="UK | `),
		"series episode names":       strings.Contains(out, " S0"),
		"empty tvg-id":               strings.Contains(out, `tvg-id=""`),
		"valid UTF-8 in every entry": utf8.ValidString(out),
	} {
		if !found {
			t.Errorf("no %s", what)
		}
	}
	if got := strings.Count(out, "#EXTINF:"); got != n {
		t.Errorf("%d #EXTINF lines, want %d", got, n)
	}
	for i := range n {
		if e := EntryAt(1, i); e.Name == "" || e.Name != strings.TrimSpace(e.Name) || strings.Contains(e.TvgName, `"`) {
			t.Fatalf("entry %d cannot be read back exactly: %+v", i, e)
		}
	}
}
