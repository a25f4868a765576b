package m3u

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/playlist"
)

// parser holds the state of one Parse call. Every string it keeps is copied
// out of the line buffer into the arena (or interned) at once, since the
// buffer is reused for the next line.
type parser struct {
	source string
	ar     arena
	in     interner
	groups groupTable
	extras map[string]*playlist.Extra
	key    []byte // scratch for extras keys
	fixed  []byte // scratch for lines repaired to valid UTF-8

	header    playlist.Attributes
	guides    map[string]struct{} // guide URLs already in header
	sawHeader bool
	sawInf    bool
	first     []byte // start of the first non-blank line, for "not a playlist"
	gzipped   bool   // the input starts with gzip's magic bytes

	chans  []playlist.Channel
	sizing sizing
	cur    entry
}

// entry gathers what the lines before a URL say about the channel it starts.
type entry struct {
	inf                          bool // an #EXTINF was seen
	name, tvgID, tvgName         string
	logo, chno                   string
	catchup, catchDays, catchSrc string
	tvgShift, streamID           string
	catchShift                   string
	groups                       []int32 // from group-title
	extgrp                       []int32 // from #EXTGRP
	grpLater                     bool    // the #EXTGRP came after the #EXTINF
	both                         []int32 // scratch for group-title and #EXTGRP together
	headers                      []playlist.Header
}

func (e *entry) reset() {
	groups, extgrp, both, headers := e.groups[:0], e.extgrp[:0], e.both[:0], e.headers[:0]
	*e = entry{groups: groups, extgrp: extgrp, both: both, headers: headers}
}

func newParser(source string) *parser {
	p := &parser{source: source, extras: make(map[string]*playlist.Extra), guides: make(map[string]struct{})}
	p.in = interner{a: &p.ar, m: make(map[string]string)}
	p.groups.idx = make(map[string]int32)
	return p
}

func (p *parser) line(b []byte) {
	b = trimBlank(b)
	if len(b) == 0 {
		return
	}
	if p.first == nil {
		p.gzipped = len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
	}
	if !utf8.Valid(b) {
		p.fixed = appendValid(p.fixed[:0], b)
		b = p.fixed
	}
	if p.first == nil {
		p.first = append([]byte{}, b[:min(len(b), 256)]...)
	}
	if b[0] == '#' {
		p.tag(b)
		return
	}
	p.url(b)
}

func (p *parser) tag(b []byte) {
	switch {
	case hasPrefixFold(b, "#EXTINF"):
		p.extinf(b[len("#EXTINF"):])
	case hasPrefixFold(b, "#EXTM3U"):
		p.headerLine(b[len("#EXTM3U"):])
	case hasPrefixFold(b, "#EXTGRP"):
		p.cur.extgrp = p.splitGroups(p.cur.extgrp[:0], afterColon(b))
		p.cur.grpLater = p.cur.inf
	case hasPrefixFold(b, "#EXTVLCOPT"):
		p.vlcopt(afterColon(b))
	case hasPrefixFold(b, "#KODIPROP"):
		p.kodiprop(afterColon(b))
	}
	// Any other tag (#EXT-X-SESSION-DATA, #EXTBYT, comments) says nothing
	// about channels.
}

func (p *parser) extinf(b []byte) {
	p.sawInf = true
	if len(b) > 0 && b[0] == ':' {
		b = b[1:]
	}
	headers, extgrp := p.cur.headers, p.cur.extgrp
	p.cur.reset() // an #EXTINF without a URL is dropped, its options kept
	p.cur.inf, p.cur.headers, p.cur.extgrp = true, headers, extgrp

	var tvgName, shift []byte
	var kb [24]byte
	s := newAttrScanner(skipDuration(b))
	for {
		k, v, ok := s.next()
		if !ok {
			break
		}
		v = trimBlank(v)
		switch string(s.lowerKey(&kb, k)) {
		case "tvg-id":
			p.cur.tvgID = p.ar.str(v)
		case "tvg-name":
			tvgName = v
		case "tvg-logo", "logo":
			p.cur.logo = p.ar.str(v)
		case "tvg-chno", "channel-number":
			p.cur.chno = p.ar.str(v)
		case "group-title":
			p.cur.groups = p.splitGroups(p.cur.groups[:0], v)
		case "catchup", "catchup-type":
			p.cur.catchup = p.in.str(v)
		case "catchup-days":
			p.cur.catchDays = p.in.str(v)
		case "catchup-source":
			p.cur.catchSrc = p.in.str(v)
		case "catchup-correction":
			p.cur.catchShift = p.in.str(v)
		case "timeshift", "tvg-rec":
			// The older way to say shift mode and its days in one number.
			shift = v
		case "tvg-shift":
			p.cur.tvgShift = p.in.str(v)
		case "stream-id":
			p.cur.streamID = p.ar.str(v)
		case "user-agent", "http-user-agent":
			p.setHeader("User-Agent", v)
		case "http-referrer", "http-referer":
			p.setHeader("Referer", v)
		}
	}
	if days := trimBlank(shift); len(days) > 0 && !bytes.Equal(days, []byte("0")) && p.cur.catchup == "" {
		p.cur.catchup = p.in.str([]byte("shift"))
		if p.cur.catchDays == "" {
			p.cur.catchDays = p.in.str(days)
		}
	}
	var name []byte
	if s.name >= 0 {
		name = trimBlank(s.b[s.name:])
	}
	p.cur.name = p.ar.str(name)
	if bytes.Equal(tvgName, name) {
		p.cur.tvgName = p.cur.name
	} else {
		p.cur.tvgName = p.ar.str(tvgName)
	}
}

func (p *parser) headerLine(b []byte) {
	p.sawHeader = true
	h := &p.header
	var kb [24]byte
	s := newAttrScanner(b)
	for {
		k, v, ok := s.next()
		if !ok {
			return
		}
		v = trimBlank(v)
		switch string(s.lowerKey(&kb, k)) {
		case "url-tvg", "x-tvg-url", "tvg-url":
			p.addGuides(v)
		case "catchup", "catchup-type":
			h.Catchup = first(h.Catchup, p.in.str(v))
		case "catchup-days":
			h.CatchupDays = first(h.CatchupDays, p.in.str(v))
		case "catchup-source":
			h.CatchupSource = first(h.CatchupSource, p.in.str(v))
		case "catchup-correction":
			h.CatchupShift = first(h.CatchupShift, p.in.str(v))
		case "tvg-shift":
			h.TvgShift = first(h.TvgShift, p.in.str(v))
		}
	}
}

// addGuides adds a comma-separated list of guide URLs, skipping empty items and
// ones already listed (merged playlists repeat their headers).
func (p *parser) addGuides(v []byte) {
	for len(v) > 0 {
		item := v
		if i := bytes.IndexByte(v, ','); i >= 0 {
			item, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		item = trimBlank(item)
		if len(item) == 0 {
			continue
		}
		if _, dup := p.guides[string(item)]; dup {
			continue
		}
		u := p.in.str(item)
		p.guides[u] = struct{}{}
		p.header.GuideURLs = append(p.header.GuideURLs, u)
	}
}

func first(old, v string) string {
	if old != "" {
		return old
	}
	return v
}

// maxPerEntry caps the groups and headers one channel keeps: real lists have
// a handful, and the checks for repeats are linear.
const maxPerEntry = 64

// splitGroups appends the groups of a group-title or #EXTGRP value: "A;B" is
// two groups. Blank and repeated parts are dropped.
func (p *parser) splitGroups(ids []int32, v []byte) []int32 {
	for len(v) > 0 {
		part := v
		if i := bytes.IndexByte(v, ';'); i >= 0 {
			part, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		part = trimBlank(part)
		if len(part) == 0 {
			continue
		}
		if len(ids) == maxPerEntry {
			break
		}
		id := p.groups.id(part, &p.ar)
		if !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// url ends the current entry with its stream address. A line that is not
// after an #EXTINF counts only when it looks like a URL, so stray text in a
// playlist does not become a channel.
func (p *parser) url(b []byte) {
	if !p.cur.inf && !looksLikeURL(b) {
		return
	}
	u, suffix, _ := bytes.Cut(b, []byte("|"))
	u = trimBlank(u)
	if len(u) == 0 {
		return
	}
	p.headerList(suffix)
	p.sizing.first()
	c := playlist.Channel{
		Name:    p.cur.name,
		URL:     p.ar.str(u),
		TvgID:   p.cur.tvgID,
		TvgName: p.cur.tvgName,
		Logo:    p.cur.logo,
		Chno:    p.cur.chno,
		Source:  p.source,
	}
	if c.Name == "" {
		c.Name = p.fallbackName(c.URL, u)
	}
	groups := p.entryGroups()
	if len(groups) > 0 {
		c.Group = p.groups.list[groups[0]].Name
		for _, id := range groups {
			p.groups.count(id)
		}
	}
	c.Extra = p.extra(groups)
	if len(p.chans) == cap(p.chans) {
		p.chans = p.sizing.grow(p.chans)
	}
	p.chans = append(p.chans, c)
	p.cur.reset()
}

// entryGroups returns the groups of the current entry. With both a group-title
// and an #EXTGRP, the one written later names the channel's group (lists add
// an #EXTGRP line to regroup what their #EXTINF says) and the other is kept
// after it.
func (p *parser) entryGroups() []int32 {
	c := &p.cur
	switch {
	case len(c.extgrp) == 0:
		return c.groups
	case len(c.groups) == 0:
		return c.extgrp
	}
	first, second := c.groups, c.extgrp
	if c.grpLater {
		first, second = second, first
	}
	both := append(c.both[:0], first...)
	for _, id := range second {
		if len(both) < maxPerEntry && !containsID(both, id) {
			both = append(both, id)
		}
	}
	c.both = both
	return both
}

func (p *parser) fallbackName(url string, u []byte) string {
	if p.cur.tvgName != "" {
		return p.cur.tvgName
	}
	name, whole := nameFromURL(u)
	if whole {
		return playlist.MaskURL(url) // a name is shown, so it must not carry a password
	}
	return p.ar.str(name)
}

// vlcopt reads the #EXTVLCOPT options that are HTTP headers.
func (p *parser) vlcopt(b []byte) {
	i := bytes.IndexByte(b, '=')
	if i < 0 {
		return
	}
	var name string
	switch strings.ToLower(string(trimBlank(b[:i]))) {
	case "http-user-agent":
		name = "User-Agent"
	case "http-referrer", "http-referer":
		name = "Referer"
	case "http-origin":
		name = "Origin"
	case "http-cookie":
		name = "Cookie"
	default:
		return
	}
	p.setHeader(name, unquote(trimBlank(b[i+1:])))
}

// unquote drops the quotes some lists put around an option's value
// (http-user-agent="Dalvik/2.1.0"); they are not part of it.
func unquote(v []byte) []byte {
	if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
		return trimBlank(v[1 : n-1])
	}
	return v
}

// kodiprop reads the header lists of inputstream.adaptive:
// stream_headers / manifest_headers = User-Agent=..&Referer=..
func (p *parser) kodiprop(b []byte) {
	i := bytes.IndexByte(b, '=')
	if i < 0 {
		return
	}
	switch strings.ToLower(string(trimBlank(b[:i]))) {
	case "inputstream.adaptive.stream_headers", "inputstream.adaptive.manifest_headers",
		"inputstream.adaptive.common_headers":
		p.headerList(b[i+1:])
	}
}

// headerList reads "Name=value&Name=value" with URL-escaped values.
func (p *parser) headerList(b []byte) {
	for len(b) > 0 {
		item := b
		if i := bytes.IndexByte(b, '&'); i >= 0 {
			item, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		k, v, ok := bytes.Cut(item, []byte("="))
		k = trimBlank(k)
		if !ok || len(k) == 0 {
			continue
		}
		p.setHeader(p.headerName(k), trimBlank(unescapeValue(v)))
	}
}

// setHeader records a header for the current entry; a later value for the same
// name replaces the earlier one, which keeps its place.
func (p *parser) setHeader(name string, v []byte) {
	if len(v) == 0 {
		return
	}
	val := p.in.str(v)
	for i := range p.cur.headers {
		if p.cur.headers[i].Name == name {
			p.cur.headers[i].Value = val
			return
		}
	}
	if len(p.cur.headers) < maxPerEntry {
		p.cur.headers = append(p.cur.headers, playlist.Header{Name: name, Value: val})
	}
}
