package m3u

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tuner-iptv/tuner/playlist"
)

const src = "test"

// ch builds the channel a case expects, with the test source filled in.
func ch(name, url string, set ...func(*playlist.Channel)) playlist.Channel {
	c := playlist.Channel{Name: name, URL: url, Source: src}
	for _, f := range set {
		f(&c)
	}
	return c
}

func group(g string) func(*playlist.Channel) { return func(c *playlist.Channel) { c.Group = g } }
func tvgName(n string) func(*playlist.Channel) {
	return func(c *playlist.Channel) { c.TvgName = n }
}
func extra(e playlist.Extra) func(*playlist.Channel) {
	return func(c *playlist.Channel) { c.Extra = &e }
}
func headers(kv ...string) func(*playlist.Channel) {
	var hs []playlist.Header
	for i := 0; i+1 < len(kv); i += 2 {
		hs = append(hs, playlist.Header{Name: kv[i], Value: kv[i+1]})
	}
	return extra(playlist.Extra{Headers: hs})
}

var parseCases = []struct {
	name   string
	in     string
	want   []playlist.Channel
	header playlist.Attributes
}{
	{
		name:   "header guide urls from url-tvg and x-tvg-url, trimmed and deduplicated",
		in:     "#EXTM3U url-tvg=\"http://a/1.xml, http://a/2.xml ,\" x-tvg-url=\"http://a/3.xml,http://a/1.xml\"\n#EXTINF:-1,A\nhttp://h/a",
		want:   []playlist.Channel{ch("A", "http://h/a")},
		header: playlist.Attributes{GuideURLs: []string{"http://a/1.xml", "http://a/2.xml", "http://a/3.xml"}},
	},
	{
		name:   "header catchup-correction",
		in:     "#EXTM3U catchup=\"append\" catchup-correction=\"-2.5\"\n#EXTINF:-1 catchup-correction=\"+1\",A\nhttp://h/a.ts",
		want:   []playlist.Channel{ch("A", "http://h/a.ts", extra(playlist.Extra{CatchupShift: "+1"}))},
		header: playlist.Attributes{Catchup: "append", CatchupShift: "-2.5"},
	},
	{
		name: "the older timeshift and tvg-rec say shift mode and its days",
		in:   "#EXTINF:-1 timeshift=\"3\",A\nhttp://h/a.ts\n#EXTINF:-1 tvg-rec=\"5\",B\nhttp://h/b.ts\n#EXTINF:-1 timeshift=\"0\",C\nhttp://h/c.ts\n#EXTINF:-1 catchup=\"xc\" catchup-days=\"2\" tvg-rec=\"9\",D\nhttp://h/d.ts",
		want: []playlist.Channel{
			ch("A", "http://h/a.ts", extra(playlist.Extra{Catchup: "shift", CatchupDays: "3"})),
			ch("B", "http://h/b.ts", extra(playlist.Extra{Catchup: "shift", CatchupDays: "5"})),
			ch("C", "http://h/c.ts"),
			ch("D", "http://h/d.ts", extra(playlist.Extra{Catchup: "xc", CatchupDays: "2"})),
		},
	},
	{
		name:   "header catchup and tvg-shift",
		in:     "#EXTM3U catchup=\"shift\" catchup-days=\"7\" catchup-source=\"?utc={utc}&lutc={lutc}\" tvg-shift=\"-2\"\nhttp://h/a.ts",
		want:   []playlist.Channel{ch("a.ts", "http://h/a.ts")},
		header: playlist.Attributes{Catchup: "shift", CatchupDays: "7", CatchupSource: "?utc={utc}&lutc={lutc}", TvgShift: "-2"},
	},
	{
		name: "missing header",
		in:   "#EXTINF:-1,First\nhttp://h/1\n#EXTINF:-1,Second\nhttp://h/2\n",
		want: []playlist.Channel{ch("First", "http://h/1"), ch("Second", "http://h/2")},
	},
	{
		name: "attributes in any order",
		in: "#EXTM3U\n" +
			`#EXTINF:-1 group-title="News" tvg-chno="7" tvg-logo="http://l/x.png" tvg-name="N1" tvg-id="n1.uk",News One` + "\n" +
			"http://h/1\n" +
			`#EXTINF:-1 tvg-id="n2.uk" tvg-name="N2" tvg-logo="http://l/y.png" tvg-chno="8" group-title="News",News Two` + "\n" +
			"http://h/2\n",
		want: []playlist.Channel{
			ch("News One", "http://h/1", group("News"), tvgName("N1"), func(c *playlist.Channel) {
				c.TvgID, c.Logo, c.Chno = "n1.uk", "http://l/x.png", "7"
			}),
			ch("News Two", "http://h/2", group("News"), tvgName("N2"), func(c *playlist.Channel) {
				c.TvgID, c.Logo, c.Chno = "n2.uk", "http://l/y.png", "8"
			}),
		},
	},
	{
		name: "quoted value containing a comma",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-name="Love, Actually" group-title="Movies, Romance",Love, Actually (2003)` + "\nhttp://h/m.mkv",
		want: []playlist.Channel{ch("Love, Actually (2003)", "http://h/m.mkv", tvgName("Love, Actually"), group("Movies, Romance"))},
	},
	{
		name: "quoted value containing equals and ampersands",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-logo="http://l/p.png?id=1&w=2" tvg-name="a=b",X` + "\nhttp://h/x",
		want: []playlist.Channel{ch("X", "http://h/x", tvgName("a=b"), func(c *playlist.Channel) { c.Logo = "http://l/p.png?id=1&w=2" })},
	},
	{
		name: "empty values",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-id="" tvg-name="" tvg-logo="" group-title="",Plain` + "\nhttp://h/p",
		want: []playlist.Channel{ch("Plain", "http://h/p")},
	},
	{
		name: "unquoted values",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-id=abc.de tvg-chno=12 group-title=Sport,Sport One` + "\nhttp://h/s",
		want: []playlist.Channel{ch("Sport One", "http://h/s", group("Sport"), func(c *playlist.Channel) { c.TvgID, c.Chno = "abc.de", "12" })},
	},
	{
		name: "single quoted values",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-id='x.y' group-title='Kids, Family',Toons` + "\nhttp://h/t",
		want: []playlist.Channel{ch("Toons", "http://h/t", group("Kids, Family"), func(c *playlist.Channel) { c.TvgID = "x.y" })},
	},
	{
		name: "attribute names in upper case",
		in:   "#EXTM3U\n" + `#EXTINF:-1 TVG-ID="u.id" Group-Title="G",U` + "\nhttp://h/u",
		want: []playlist.Channel{ch("U", "http://h/u", group("G"), func(c *playlist.Channel) { c.TvgID = "u.id" })},
	},
	{
		name: "display name after the first comma outside quotes, trimmed",
		in:   "#EXTM3U\n" + `#EXTINF:-1 tvg-name="A, B" ,   Name, with "quotes", and commas   ` + "\nhttp://h/n",
		want: []playlist.Channel{ch(`Name, with "quotes", and commas`, "http://h/n", tvgName("A, B"))},
	},
	{
		name: "duration only",
		in:   "#EXTINF:123.5,Song Title\nhttp://h/song.mp3",
		want: []playlist.Channel{ch("Song Title", "http://h/song.mp3")},
	},
	{
		name: "no duration before the attributes",
		in:   "#EXTINF:tvg-id=\"d.id\" group-title=\"G\",NoDur\nhttp://h/d",
		want: []playlist.Channel{ch("NoDur", "http://h/d", group("G"), func(c *playlist.Channel) { c.TvgID = "d.id" })},
	},
	{
		name: "tvg-name equal to the name",
		in:   "#EXTINF:-1 tvg-name=\"Same\",Same\nhttp://h/s",
		want: []playlist.Channel{ch("Same", "http://h/s", tvgName("Same"))},
	},
	{
		name: "empty name falls back to tvg-name",
		in:   "#EXTINF:-1 tvg-name=\"From Tvg\",\nhttp://h/f",
		want: []playlist.Channel{ch("From Tvg", "http://h/f", tvgName("From Tvg"))},
	},
	{
		name: "no comma at all falls back to the url",
		in:   "#EXTINF:-1 tvg-id=\"q\"\nhttp://h/live/Channel%20Five.m3u8?token=1",
		want: []playlist.Channel{ch("Channel Five.m3u8", "http://h/live/Channel%20Five.m3u8?token=1", func(c *playlist.Channel) { c.TvgID = "q" })},
	},
	{
		name: "unterminated quote keeps the name after the last comma",
		in:   "#EXTINF:-1 tvg-name=\"Broken, quote group-title=\"X\",Real Name\nhttp://h/b",
		want: []playlist.Channel{ch("Real Name", "http://h/b", tvgName("Broken, quote group-title="))},
	},
	{
		name: "group-title with several groups",
		in:   "#EXTINF:-1 group-title=\"Sport;UK; Sport ;;News\",Multi\nhttp://h/m",
		want: []playlist.Channel{ch("Multi", "http://h/m", group("Sport"), extra(playlist.Extra{Groups: []string{"Sport", "UK", "News"}}))},
	},
	{
		name: "extgrp applies to the next entry only",
		in:   "#EXTM3U\n#EXTINF:-1,One\n#EXTGRP:Radio\nhttp://h/1\n#EXTINF:-1,Two\nhttp://h/2\n#EXTGRP:Before\n#EXTINF:-1,Three\nhttp://h/3",
		want: []playlist.Channel{ch("One", "http://h/1", group("Radio")), ch("Two", "http://h/2"), ch("Three", "http://h/3", group("Before"))},
	},
	{
		name: "extgrp after group-title names the group, both kept",
		in:   "#EXTINF:-1 group-title=\"Title\",One\n#EXTGRP:Grp\nhttp://h/1",
		want: []playlist.Channel{ch("One", "http://h/1", group("Grp"), extra(playlist.Extra{Groups: []string{"Grp", "Title"}}))},
	},
	{
		name: "group-title after extgrp names the group, both kept",
		in:   "#EXTGRP:Grp;Title\n#EXTINF:-1 group-title=\"Title\",One\nhttp://h/1",
		want: []playlist.Channel{ch("One", "http://h/1", group("Title"), extra(playlist.Extra{Groups: []string{"Title", "Grp"}}))},
	},
	{
		name: "attributes after the comma",
		in: "#EXTM3U\n" + `#EXTINF:-1,tvg-id="CCTV1" tvg-name="CCTV1" group-title="央视",CCTV-1 综合` + "\nhttp://h/1\n" +
			`#EXTINF:-1 tvg-id="a", group-title='G' ,  Name, with a comma` + "\nhttp://h/2\n" +
			`#EXTINF:-1,tvg-name="Only Attributes"` + "\nhttp://h/3\n" +
			`#EXTINF:-1,a=b, c="d"` + "\nhttp://h/4",
		want: []playlist.Channel{
			ch("CCTV-1 综合", "http://h/1", group("央视"), tvgName("CCTV1"), func(c *playlist.Channel) { c.TvgID = "CCTV1" }),
			ch("Name, with a comma", "http://h/2", group("G"), func(c *playlist.Channel) { c.TvgID = "a" }),
			ch("Only Attributes", "http://h/3", tvgName("Only Attributes")),
			ch(`a=b, c="d"`, "http://h/4"),
		},
	},
	{
		name: "user agent and referrer attributes are headers",
		in: `#EXTINF:-1 tvg-id="A.br" user-agent="Mozilla/5.0 (iPhone)" group-title="E",A` + "\nhttp://h/a\n" +
			`#EXTINF:1 http-referrer="http://test.com" http-user-agent="Mozilla/5.0",B` + "\nhttp://h/b\n" +
			`#EXTINF:1 HTTP-Referer=http://r/,C` + "\n#EXTVLCOPT:http-referrer=http://later/\nhttp://h/c",
		want: []playlist.Channel{
			ch("A", "http://h/a", group("E"), headers("User-Agent", "Mozilla/5.0 (iPhone)"), func(c *playlist.Channel) { c.TvgID = "A.br" }),
			ch("B", "http://h/b", headers("Referer", "http://test.com", "User-Agent", "Mozilla/5.0")),
			ch("C", "http://h/c", headers("Referer", "http://later/")),
		},
	},
	{
		name: "quotes around an extvlcopt value are not part of it",
		in: "#EXTINF:0,T\n#EXTVLCOPT:http-user-agent=\"Dalvik/2.1.0 (Linux; U; Android 6.0.1;)\"\n#EXTVLCOPT:http-referrer='http://r/'\nhttp://h/t\n" +
			"#EXTINF:0,U\n#EXTVLCOPT:http-user-agent=say \"hi\"\nhttp://h/u",
		want: []playlist.Channel{
			ch("T", "http://h/t", headers("User-Agent", "Dalvik/2.1.0 (Linux; U; Android 6.0.1;)", "Referer", "http://r/")),
			ch("U", "http://h/u", headers("User-Agent", `say "hi"`)),
		},
	},
	{
		name: "extvlcopt user agent and referrer",
		in: "#EXTM3U\n#EXTINF:-1,V\n#EXTVLCOPT:http-user-agent=Mozilla/5.0 (X11; Linux)\n#EXTVLCOPT:http-referrer=http://ref/\n#EXTVLCOPT:network-caching=1000\nhttp://h/v\n" +
			"#EXTINF:-1,W\n#EXTVLCOPT:http-referer=http://other/\nhttp://h/w",
		want: []playlist.Channel{
			ch("V", "http://h/v", headers("User-Agent", "Mozilla/5.0 (X11; Linux)", "Referer", "http://ref/")),
			ch("W", "http://h/w", headers("Referer", "http://other/")),
		},
	},
	{
		name: "kodiprop stream and manifest headers",
		in: "#EXTM3U\n#KODIPROP:inputstream.adaptive.manifest_headers=User-Agent=Kodi%2F21&referer=http%3A%2F%2Fr%2F\n#EXTINF:-1,K\n" +
			"#KODIPROP:inputstream.adaptive.license_type=clearkey\n#KODIPROP:inputstream.adaptive.stream_headers=x-forwarded-for=1.2.3.4\nhttp://h/k.mpd",
		want: []playlist.Channel{ch("K", "http://h/k.mpd", headers("User-Agent", "Kodi/21", "Referer", "http://r/", "X-Forwarded-For", "1.2.3.4"))},
	},
	{
		name: "url pipe suffix becomes headers and is stripped",
		in:   "#EXTINF:-1,P\nhttp://h/p.m3u8?a=1&b=2|User-Agent=My%20Player%2F1.0&Referer=https%3A%2F%2Fsite%2F&bad",
		want: []playlist.Channel{ch("P", "http://h/p.m3u8?a=1&b=2", headers("User-Agent", "My Player/1.0", "Referer", "https://site/"))},
	},
	{
		name: "later header value replaces an earlier one",
		in:   "#EXTINF:-1,R\n#EXTVLCOPT:http-user-agent=Old\nhttp://h/r|user-agent=New",
		want: []playlist.Channel{ch("R", "http://h/r", headers("User-Agent", "New"))},
	},
	{
		name: "session data and unknown tags ignored",
		in:   "#EXTM3U\n#EXT-X-SESSION-DATA:DATA-ID=\"com.x\",VALUE=\"y\"\n#PLAYLIST:Mine\n#EXTBYT:1234\n# a comment, with a comma\n#EXTINF:-1,S\n#EXT-X-FOO\nhttp://h/s",
		want: []playlist.Channel{ch("S", "http://h/s")},
	},
	{
		name: "byte order mark",
		in:   "\xEF\xBB\xBF#EXTM3U\n#EXTINF:-1,B\nhttp://h/b",
		want: []playlist.Channel{ch("B", "http://h/b")},
	},
	{
		name: "crlf line endings",
		in:   "#EXTM3U\r\n#EXTINF:-1,C\r\nhttp://h/c\r\n#EXTINF:-1,D\r\nhttp://h/d\r\n",
		want: []playlist.Channel{ch("C", "http://h/c"), ch("D", "http://h/d")},
	},
	{
		name: "cr line endings",
		in:   "#EXTM3U\r#EXTINF:-1,C\rhttp://h/c\r#EXTINF:-1,D\rhttp://h/d",
		want: []playlist.Channel{ch("C", "http://h/c"), ch("D", "http://h/d")},
	},
	{
		name: "mixed line endings",
		in:   "#EXTM3U\r\n#EXTINF:-1,C\nhttp://h/c\r#EXTINF:-1,D\r\n\r\nhttp://h/d\n\r#EXTINF:-1,E\rhttp://h/e",
		want: []playlist.Channel{ch("C", "http://h/c"), ch("D", "http://h/d"), ch("E", "http://h/e")},
	},
	{
		name: "blank lines and surrounding blanks",
		in:   "\n\n  #EXTM3U  \n\n\t#EXTINF:-1 , Spaced \n\n   http://h/s   \n\n",
		want: []playlist.Channel{ch("Spaced", "http://h/s")},
	},
	{
		name: "bare urls without extinf",
		in:   "http://h/live/user/pass/101.ts\nrtmp://h/app/stream\nhttps://h/dir/\nhttp://user:secret@h:8080",
		want: []playlist.Channel{
			ch("101.ts", "http://h/live/user/pass/101.ts"),
			ch("stream", "rtmp://h/app/stream"),
			ch("dir", "https://h/dir/"),
			ch("http://user:***@h:8080", "http://user:secret@h:8080"),
		},
	},
	{
		name: "stray text outside extinf ignored",
		in:   "#EXTM3U\nsome note\nhttp://h/a\n",
		want: []playlist.Channel{ch("a", "http://h/a")},
	},
	{
		name: "any line after extinf is the address",
		in:   "#EXTM3U\n#EXTINF:-1,Off Air\n[NO PUBLIC STREAM]\n#EXTINF:-1,Local\nvideos/clip.mp4",
		want: []playlist.Channel{ch("Off Air", "[NO PUBLIC STREAM]"), ch("Local", "videos/clip.mp4")},
	},
	{
		name: "extinf without url dropped",
		in:   "#EXTM3U\n#EXTINF:-1 group-title=\"Lost\",Orphan\n#EXTINF:-1,Kept\nhttp://h/k",
		want: []playlist.Channel{ch("Kept", "http://h/k")},
	},
	{
		name: "lower case tags",
		in:   "#extm3u\n#extinf:-1 group-title=\"g\",lower\n#extvlcopt:http-user-agent=ua\nhttp://h/l",
		want: []playlist.Channel{ch("lower", "http://h/l", group("g"), headers("User-Agent", "ua"))},
	},
	{
		name: "invalid utf-8 replaced",
		in:   "#EXTM3U\n#EXTINF:-1 group-title=\"G\xff\xfe\",Bad \xc3\x28 name \xe2\x82\n#EXTVLCOPT:http-user-agent=\x80ua\nhttp://h/\xffx",
		want: []playlist.Channel{ch("Bad \uFFFD( name \uFFFD", "http://h/\uFFFDx", group("G\uFFFD"), headers("User-Agent", "\uFFFDua"))},
	},
	{
		name: "unicode names",
		in:   "#EXTINF:-1 tvg-name=\"NHK 総合\",NHK 総合 Ⓢ 🎬\nhttp://h/n",
		want: []playlist.Channel{ch("NHK 総合 Ⓢ 🎬", "http://h/n", tvgName("NHK 総合"))},
	},
	{
		name: "catchup and tvg-shift per channel",
		in:   "#EXTINF:-1 catchup=\"append\" catchup-days=\"3\" catchup-source=\"?utc={utc}\" tvg-shift=\"1\",CU\nhttp://h/cu",
		want: []playlist.Channel{ch("CU", "http://h/cu", extra(playlist.Extra{Catchup: "append", CatchupDays: "3", CatchupSource: "?utc={utc}", TvgShift: "1"}))},
	},
	{
		name: "catchup-type read as catchup",
		in:   "#EXTINF:-1 catchup-type=\"flussonic\",F\nhttp://h/f",
		want: []playlist.Channel{ch("F", "http://h/f", extra(playlist.Extra{Catchup: "flussonic"}))},
	},
	{
		name: "stream id",
		in:   "#EXTINF:-1 stream-id=\"42\",X\nhttp://h/x",
		want: []playlist.Channel{ch("X", "http://h/x", extra(playlist.Extra{StreamID: "42"}))},
	},
	{
		name:   "header only",
		in:     "#EXTM3U x-tvg-url=\"http://g/e.xml\"\n",
		header: playlist.Attributes{GuideURLs: []string{"http://g/e.xml"}},
	},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			pl, err := Parse(strings.NewReader(tc.in), src, nil)
			checkParse(t, "whole", pl, err, tc.want, tc.header)
			// Reading one byte at a time puts every line end, CR LF pair and BOM
			// across a read boundary at least once.
			pl, err = Parse(iotest.OneByteReader(strings.NewReader(tc.in)), src, nil)
			checkParse(t, "one byte reads", pl, err, tc.want, tc.header)
		})
	}
}

func checkParse(t *testing.T, how string, pl *playlist.Playlist, err error, want []playlist.Channel, header playlist.Attributes) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", how, err)
	}
	if pl.Channels.Len() != len(want) {
		t.Fatalf("%s: got %d channels, want %d:\n%+v", how, pl.Channels.Len(), len(want), pl.Channels)
	}
	for i := range want {
		if !reflect.DeepEqual(*pl.Channels.At(i), want[i]) {
			t.Errorf("%s: channel %d\n got %s\nwant %s", how, i, show(*pl.Channels.At(i)), show(want[i]))
		}
	}
	if !reflect.DeepEqual(pl.Header, header) {
		t.Errorf("%s: header\n got %+v\nwant %+v", how, pl.Header, header)
	}
	if got, want := pl.Groups, playlist.BuildGroups(pl.Channels); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
		t.Errorf("%s: groups %+v, BuildGroups says %+v", how, got, want)
	}
	if pl.Source != src {
		t.Errorf("%s: source %q", how, pl.Source)
	}
}

func show(c playlist.Channel) string {
	var b strings.Builder
	b.WriteString(strings.Join([]string{"name=" + c.Name, "url=" + c.URL, "group=" + c.Group, "tvg-id=" + c.TvgID,
		"tvg-name=" + c.TvgName, "logo=" + c.Logo, "chno=" + c.Chno, "source=" + c.Source}, " | "))
	if e := c.Extra; e != nil {
		b.WriteString(" | extra: groups=" + strings.Join(e.Groups, ";") + " catchup=" + e.Catchup +
			" days=" + e.CatchupDays + " src=" + e.CatchupSource + " shift=" + e.TvgShift + " id=" + e.StreamID)
		for _, h := range e.Headers {
			b.WriteString(" " + h.Name + ":" + h.Value)
		}
	}
	return b.String()
}

func TestParseLongLines(t *testing.T) {
	name := strings.Repeat("Ünïcode name, ", 80000) // about 1.3 MB
	logo := "http://l/" + strings.Repeat("x", 3<<20)
	guides := make([]string, 10000)
	for i := range guides {
		guides[i] = "http://g/" + strings.Repeat("e", i%50) + ".xml"
	}
	in := "#EXTM3U x-tvg-url=\"" + strings.Join(guides, ",") + "\"\r\n" +
		"#EXTINF:-1 tvg-logo=\"" + logo + "\"," + name + "\r\n" +
		"http://h/long\r\n#EXTINF:-1,Short\rhttp://h/short"
	want := []playlist.Channel{
		ch(strings.TrimSpace(name), "http://h/long", func(c *playlist.Channel) { c.Logo = logo }),
		ch("Short", "http://h/short"),
	}
	for how, r := range map[string]func() io.Reader{
		"known size":   func() io.Reader { return strings.NewReader(in) },
		"unknown size": func() io.Reader { return struct{ io.Reader }{strings.NewReader(in)} },
		"odd reads":    func() io.Reader { return iotest.HalfReader(strings.NewReader(in)) },
	} {
		pl, err := Parse(r(), src, nil)
		checkParse(t, how, pl, err, want, playlist.Attributes{GuideURLs: guides[:50]})
	}
}
