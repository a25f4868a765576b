package m3u

import (
	"bufio"
	"io"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// Write writes p as an extended M3U playlist that Parse reads back to the same
// channels and header. Channel.Source is not written: Parse sets it.
//
// What M3U cannot carry is adjusted rather than lost silently: line breaks in
// any value become spaces, a '|' in a URL is written as %7C (it would start a
// header suffix), and a value holding both kinds of quote and a blank or comma
// has its double quotes turned into single ones. A group name containing ';'
// reads back as several groups.
func Write(w io.Writer, p *playlist.Playlist) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	b := appendHeader(make([]byte, 0, 4<<10), &p.Header)
	for i := range p.Channels.Len() {
		b = appendChannel(b, p.Channels.At(i))
		if len(b) >= 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

func appendHeader(b []byte, h *playlist.Attributes) []byte {
	b = append(b, "#EXTM3U"...)
	if len(h.GuideURLs) > 0 {
		b = appendAttr(b, "url-tvg", strings.Join(h.GuideURLs, ","))
	}
	b = appendAttr(b, "catchup", h.Catchup)
	b = appendAttr(b, "catchup-days", h.CatchupDays)
	b = appendAttr(b, "catchup-source", h.CatchupSource)
	b = appendAttr(b, "catchup-correction", h.CatchupShift)
	b = appendAttr(b, "tvg-shift", h.TvgShift)
	return append(b, '\n')
}

func appendChannel(b []byte, c *playlist.Channel) []byte {
	b = append(b, "#EXTINF:-1"...)
	b = appendAttr(b, "tvg-id", c.TvgID)
	b = appendAttr(b, "tvg-name", c.TvgName)
	b = appendAttr(b, "tvg-logo", c.Logo)
	b = appendAttr(b, "tvg-chno", c.Chno)
	if gs := c.Groups(); len(gs) > 1 {
		b = appendAttr(b, "group-title", strings.Join(gs, ";"))
	} else {
		b = appendAttr(b, "group-title", c.Group)
	}
	if e := c.Extra; e != nil {
		b = appendAttr(b, "catchup", e.Catchup)
		b = appendAttr(b, "catchup-days", e.CatchupDays)
		b = appendAttr(b, "catchup-source", e.CatchupSource)
		b = appendAttr(b, "catchup-correction", e.CatchupShift)
		b = appendAttr(b, "tvg-shift", e.TvgShift)
		b = appendAttr(b, "stream-id", e.StreamID)
	}
	b = append(b, ',')
	b = appendLine(b, c.Name)
	b = append(b, '\n')
	for _, h := range c.Headers() {
		b = appendHeaderLine(b, h)
	}
	for _, r := range []byte(playlist.Printable(c.URL)) {
		if r == '|' {
			b = append(b, "%7C"...)
		} else {
			b = append(b, r)
		}
	}
	return append(b, '\n')
}

// appendHeaderLine writes user agent and referrer the way most players read
// them (#EXTVLCOPT) and any other header as an inputstream.adaptive header.
func appendHeaderLine(b []byte, h playlist.Header) []byte {
	if h.Name == "" || strings.ContainsAny(h.Name, "=&\r\n") {
		return b
	}
	switch h.Name {
	case "User-Agent":
		b = append(b, "#EXTVLCOPT:http-user-agent="...)
		b = appendLine(b, h.Value)
	case "Referer":
		b = append(b, "#EXTVLCOPT:http-referrer="...)
		b = appendLine(b, h.Value)
	default:
		b = append(b, "#KODIPROP:inputstream.adaptive.stream_headers="...)
		b = append(b, h.Name...)
		b = append(b, '=')
		b = appendEscaped(b, h.Value)
	}
	return append(b, '\n')
}

// appendAttr writes ` key="value"`, or nothing for an empty value. A value
// with a double quote is put in single quotes, or left unquoted when it holds
// both kinds but no blank or comma.
func appendAttr(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	v = playlist.Printable(v)
	q := byte('"')
	if strings.IndexByte(v, '"') >= 0 {
		switch {
		case strings.IndexByte(v, '\'') < 0:
			q = '\''
		case !strings.ContainsAny(v, " \t\v\f,") && v[0] != '"' && v[0] != '\'':
			q = 0
		default:
			v = strings.ReplaceAll(v, `"`, `'`)
		}
	}
	b = append(b, ' ')
	b = append(b, key...)
	b = append(b, '=')
	if q == 0 {
		return append(b, v...)
	}
	b = append(b, q)
	b = append(b, v...)
	return append(b, q)
}

func appendLine(b []byte, s string) []byte { return append(b, playlist.Printable(s)...) }

// appendEscaped %-escapes what would break a Name=value&Name=value list.
func appendEscaped(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' || c == '&' || c == '=' || c == '|' || c < 0x20 || c == 0x7f {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return b
}
