// Package m3ugen writes large, realistic provider-style extended M3U playlists
// for benchmarks and tests. Every entry is a pure function of the seed and its
// index, so a test can check a parsed playlist against EntryAt without keeping
// the expected values in memory.
package m3ugen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Entry is what the generator wrote for one channel, as a correct parser must
// read it back.
type Entry struct {
	Name      string
	TvgID     string
	TvgName   string
	Logo      string
	Chno      string
	Group     string
	URL       string
	UserAgent string // from an #EXTVLCOPT line; "" when none
	Referer   string // from an #EXTVLCOPT line; "" when none
	CRLF      bool   // the entry's lines end in CR LF
}

// Header is the #EXTM3U line every generated playlist starts with.
const Header = `#EXTM3U url-tvg="http://epg.example.net:8080/xmltv.php?username=demo&password=secret, http://backup.example.org/guide.xml.gz" tvg-shift="0"`

// GuideURLs are the guide URLs Header lists.
var GuideURLs = []string{
	"http://epg.example.net:8080/xmltv.php?username=demo&password=secret",
	"http://backup.example.org/guide.xml.gz",
}

// Generate writes a playlist of n entries.
func Generate(w io.Writer, n int, seed int64) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString(Header)
	bw.WriteString("\n")
	var line []byte
	for i := range n {
		line = appendEntry(line[:0], EntryAt(seed, i))
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// EntryAt returns the entry Generate writes at index i.
func EntryAt(seed int64, i int) Entry {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)*0x9E3779B97F4A7C15+1))
	country := pick(r, countries)
	var e Entry
	switch k := r.IntN(100); {
	case k < 60:
		e = liveEntry(r, country, i)
	case k < 85:
		e = movieEntry(r, country, i)
	default:
		e = seriesEntry(r, country, i)
	}
	e.Chno = strconv.Itoa(i + 1)
	if r.IntN(10) == 0 {
		e.UserAgent = pick(r, userAgents)
		if r.IntN(2) == 0 {
			e.Referer = "http://portal.example.net/player?ref=" + strconv.Itoa(r.IntN(50))
		}
	}
	e.CRLF = r.IntN(8) == 0
	return e
}

func liveEntry(r *rand.Rand, country string, i int) Entry {
	base := pick(r, liveNames)
	name := country + ": " + base + pick(r, qualities)
	if r.IntN(20) == 0 {
		name = pick(r, decorations) + " " + name
	}
	id := strings.ToLower(strings.NewReplacer(" ", "", ",", "", "'", "").Replace(base)) + "." + strings.ToLower(country)
	if r.IntN(10) == 0 {
		id = "" // providers leave many tvg-id values empty
	}
	return Entry{
		Name:    name,
		TvgID:   id,
		TvgName: name,
		Logo:    fmt.Sprintf("http://logos.example.com/picons/%d.png?id=%d&w=%d", i, r.IntN(1000), 100+r.IntN(400)),
		Group:   country + " | " + pick(r, liveGroups),
		URL:     fmt.Sprintf("http://line.example.net:8080/live/demo/secret/%d.ts", 100000+i),
	}
}

func movieEntry(r *rand.Rand, country string, i int) Entry {
	title := pick(r, movieTitles)
	name := fmt.Sprintf("%s (%d)", title, 1960+r.IntN(65))
	if r.IntN(4) == 0 {
		name = country + " - " + name
	}
	tvgName := name
	if r.IntN(5) == 0 {
		tvgName = title // tvg-name differs from the display name
	}
	return Entry{
		Name:    name,
		TvgName: tvgName,
		Logo:    fmt.Sprintf("https://image.example.org/t/p/w600/%x.jpg?id=%d&w=2", r.Uint32(), i),
		Group:   "VOD | " + country + " | " + pick(r, movieGroups),
		URL:     fmt.Sprintf("http://line.example.net:8080/movie/demo/secret/%d.mkv", 500000+i),
	}
}

func seriesEntry(r *rand.Rand, country string, i int) Entry {
	show := pick(r, showTitles)
	name := fmt.Sprintf("%s S%02d E%02d", show, 1+r.IntN(12), 1+r.IntN(24))
	return Entry{
		Name:    name,
		TvgName: name,
		Logo:    fmt.Sprintf("https://image.example.org/s/%d.jpg?id=%d&w=%d", r.IntN(5000), i, 2),
		Group:   "SERIES | " + country + " | " + pick(r, seriesGroups),
		URL:     fmt.Sprintf("http://line.example.net:8080/series/demo/secret/%d.mp4", 900000+i),
	}
}

// appendEntry renders e, varying attribute order and quoting the way real
// panels do.
func appendEntry(b []byte, e Entry) []byte {
	eol := "\n"
	if e.CRLF {
		eol = "\r\n"
	}
	attrs := [][2]string{
		{"tvg-id", e.TvgID},
		{"tvg-name", e.TvgName},
		{"tvg-logo", e.Logo},
		{"tvg-chno", e.Chno},
		{"group-title", e.Group},
	}
	if len(e.Chno)%3 == 0 { // a second layout: group first, logo last
		attrs[0], attrs[4] = attrs[4], attrs[0]
		attrs[2], attrs[3] = attrs[3], attrs[2]
	}
	b = append(b, "#EXTINF:-1"...)
	for _, a := range attrs {
		b = append(b, ' ')
		b = append(b, a[0]...)
		b = append(b, '=', '"')
		b = append(b, a[1]...)
		b = append(b, '"')
	}
	b = append(b, ',')
	b = append(b, e.Name...)
	b = append(b, eol...)
	if e.UserAgent != "" {
		b = append(b, "#EXTVLCOPT:http-user-agent="...)
		b = append(b, e.UserAgent...)
		b = append(b, eol...)
	}
	if e.Referer != "" {
		b = append(b, "#EXTVLCOPT:http-referrer="...)
		b = append(b, e.Referer...)
		b = append(b, eol...)
	}
	b = append(b, e.URL...)
	return append(b, eol...)
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }
