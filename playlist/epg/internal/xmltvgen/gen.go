// Package xmltvgen writes large, deterministic, realistic XMLTV guides for
// benchmarks and tests: channels with several display names and icons,
// programmes back to back with titles, episode titles, descriptions of a few
// sentences (reruns repeat theirs), categories, episode numbers in two
// systems, credits, ratings, and the odd entity and accented letter.
package xmltvgen

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Config says what to generate. The zero value of a field takes the default.
type Config struct {
	Channels int       // default 2000
	Days     int       // default 7
	Seed     uint64    // default 1
	Start    time.Time // first day, default 2026-11-23 00:00 UTC
}

func (c Config) withDefaults() Config {
	if c.Channels <= 0 {
		c.Channels = 2000
	}
	if c.Days <= 0 {
		c.Days = 7
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	}
	return c
}

// Channel describes a generated channel, so tests can build a playlist
// that matches the guide.
type Channel struct {
	ID   string
	Name string
}

// Channels returns the channels Write generates for c, in order.
func Channels(c Config) []Channel {
	c = c.withDefaults()
	r := rand.New(rand.NewPCG(c.Seed, 7))
	out := make([]Channel, c.Channels)
	for i := range out {
		out[i] = channelFor(r, i)
	}
	return out
}

func channelFor(r *rand.Rand, i int) Channel {
	// Brand and tail walk all combinations before a number is needed, so
	// every name, and so every id, is unique.
	name := brands[i%len(brands)] + " " + brandTails[i/len(brands)%len(brandTails)]
	if n := i / (len(brands) * len(brandTails)); n > 0 {
		name += " " + strconv.Itoa(n+1)
	}
	country := pick(r, countries)
	id := strings.NewReplacer(" ", "", "&", "And", "é", "e").Replace(name) + "." + country
	return Channel{ID: id, Name: name}
}

// Write writes the guide and returns the number of bytes written.
func Write(w io.Writer, c Config) (int64, error) {
	c = c.withDefaults()
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 256<<10)
	g := &gen{r: rand.New(rand.NewPCG(c.Seed, 11)), w: bw}
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n")
	bw.WriteString("<tv generator-info-name=\"xmltvgen\" source-info-name=\"generated\">\n")
	chans := Channels(c)
	for i, ch := range chans {
		g.channel(i, ch)
	}
	for i, ch := range chans {
		g.programmes(c, i, ch)
	}
	bw.WriteString("</tv>\n")
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type gen struct {
	r   *rand.Rand
	w   *bufio.Writer
	buf []byte
}

func (g *gen) channel(i int, ch Channel) {
	b := g.buf[:0]
	b = append(b, "  <channel id=\""...)
	b = appendEscaped(b, ch.ID)
	b = append(b, "\">\n    <display-name lang=\"en\">"...)
	b = appendEscaped(b, ch.Name)
	b = append(b, "</display-name>\n"...)
	if i%3 == 0 {
		b = append(b, "    <display-name lang=\"en\">"...)
		b = appendEscaped(b, ch.Name+" HD")
		b = append(b, "</display-name>\n"...)
	}
	b = append(b, "    <display-name>"...)
	b = strconv.AppendInt(b, int64(100+i), 10)
	b = append(b, "</display-name>\n    <icon src=\"https://logos.example.net/"...)
	b = append(b, strings.ToLower(strings.ReplaceAll(ch.ID, ".", "-"))...)
	b = append(b, ".png\" width=\"256\" height=\"256\"/>\n    <url>https://tv.example.net/</url>\n  </channel>\n"...)
	g.buf = b
	g.w.Write(b)
}

// programmes writes a channel's week: shows from a per-channel line-up,
// durations on quarter hours, reruns that repeat an earlier description.
func (g *gen) programmes(c Config, i int, ch Channel) {
	r := g.r
	zone := zones[i%len(zones)]
	lineup := make([]int, 24+r.IntN(40))
	for j := range lineup {
		lineup[j] = r.IntN(len(titleA) * len(titleB))
	}
	var past []string
	end := c.Start.Add(time.Duration(c.Days) * 24 * time.Hour)
	for t := c.Start; t.Before(end); {
		d := time.Duration(durations[r.IntN(len(durations))]) * time.Minute
		show := lineup[r.IntN(len(lineup))]
		var desc string
		if len(past) > 8 && r.IntN(10) < 3 {
			desc = past[r.IntN(len(past))]
		} else {
			desc = g.sentences(1 + r.IntN(2))
			if len(past) < 64 {
				past = append(past, desc)
			} else {
				past[r.IntN(len(past))] = desc
			}
		}
		g.programme(ch.ID, t, t.Add(d), zone, show, desc)
		t = t.Add(d)
	}
}

func (g *gen) programme(id string, start, stop time.Time, zone *time.Location, show int, desc string) {
	r := g.r
	b := g.buf[:0]
	b = append(b, "  <programme start=\""...)
	b = start.In(zone).AppendFormat(b, "20060102150405 -0700")
	b = append(b, "\" stop=\""...)
	b = stop.In(zone).AppendFormat(b, "20060102150405 -0700")
	b = append(b, "\" channel=\""...)
	b = appendEscaped(b, id)
	b = append(b, "\">\n    <title lang=\"en\">"...)
	b = appendEscaped(b, titleA[show%len(titleA)]+" "+titleB[show/len(titleA)])
	b = append(b, "</title>\n"...)
	series := show%5 != 0
	if series && r.IntN(3) == 0 {
		b = append(b, "    <sub-title lang=\"en\">"...)
		b = appendEscaped(b, capitalise(pick(r, words))+" "+pick(r, words)+" "+pick(r, words))
		b = append(b, "</sub-title>\n"...)
	}
	b = append(b, "    <desc lang=\"en\">"...)
	b = appendEscaped(b, desc)
	b = append(b, "</desc>\n"...)
	if r.IntN(10) == 0 {
		b = append(b, "    <credits>\n      <director>"...)
		b = append(b, pick(r, people)...)
		b = append(b, "</director>\n      <actor role=\"Self\">"...)
		b = append(b, pick(r, people)...)
		b = append(b, "</actor>\n    </credits>\n"...)
	}
	for k := 0; k < 1+show%4/3; k++ {
		b = append(b, "    <category lang=\"en\">"...)
		b = appendEscaped(b, categories[(show+k*7)%len(categories)])
		b = append(b, "</category>\n"...)
	}
	if series {
		s, e := 1+show%9, 1+r.IntN(24)
		if show%3 == 0 {
			b = append(b, "    <episode-num system=\"xmltv_ns\">"...)
			b = strconv.AppendInt(b, int64(s-1), 10)
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(e-1), 10)
			b = append(b, ".</episode-num>\n"...)
		} else {
			b = append(b, "    <episode-num system=\"onscreen\">S"...)
			b = append2(b, s)
			b = append(b, 'E')
			b = append2(b, e)
			b = append(b, "</episode-num>\n"...)
		}
	}
	if r.IntN(8) == 0 {
		b = append(b, "    <previously-shown/>\n"...)
	}
	if r.IntN(8) == 0 {
		b = append(b, "    <rating system=\"BBFC\">\n      <value>"...)
		b = append(b, pick(r, ratings)...)
		b = append(b, "</value>\n    </rating>\n"...)
	}
	b = append(b, "  </programme>\n"...)
	g.buf = b
	g.w.Write(b)
}

// sentences builds a description from a small grammar, so most are unique
// but they read like text and compress like text.
func (g *gen) sentences(n int) string {
	r := g.r
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(capitalise(pick(r, subjects)))
		sb.WriteByte(' ')
		sb.WriteString(pick(r, verbs))
		sb.WriteByte(' ')
		sb.WriteString(pick(r, objects))
		for range r.IntN(2) {
			sb.WriteByte(' ')
			sb.WriteString(pick(r, tails))
		}
		sb.WriteByte('.')
	}
	return sb.String()
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-32) + s[1:]
}

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
