package m3u

import (
	"encoding/binary"
	"net/textproto"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// groupTable names each group once and counts its channels as they are added,
// so Playlist.Groups needs no second pass over the channels.
type groupTable struct {
	idx   map[string]int32
	list  []playlist.Group
	last  int32   // most lists keep a group's channels together
	order []int32 // groups in the order their first channel came
}

func (g *groupTable) id(name []byte, a *arena) int32 {
	if len(g.list) > 0 && g.list[g.last].Name == string(name) {
		return g.last
	}
	id, ok := g.idx[string(name)]
	if !ok {
		id = int32(len(g.list))
		s := a.str(name)
		g.idx[s] = id
		g.list = append(g.list, playlist.Group{Name: s})
	}
	g.last = id
	return id
}

// count adds a channel to a group.
func (g *groupTable) count(id int32) {
	if g.list[id].Count == 0 {
		g.order = append(g.order, id)
	}
	g.list[id].Count++
}

// groups returns the groups that have channels, in the order of their first
// channel: a group is named before its channel comes (an #EXTINF that never
// got a URL names one with none; an #EXTGRP line may come first).
func (g *groupTable) groups() []playlist.Group {
	out := make([]playlist.Group, len(g.order))
	for i, id := range g.order {
		out[i] = g.list[id]
	}
	return out
}

// headerName returns the canonical form of an HTTP header name.
func (p *parser) headerName(k []byte) string {
	switch strings.ToLower(string(k)) {
	case "user-agent":
		return "User-Agent"
	case "referer", "referrer":
		return "Referer"
	}
	return p.in.str([]byte(textproto.CanonicalMIMEHeaderKey(string(k))))
}

// extra returns the current entry's rarely used attributes, or nil when it has
// none. Channels with the same attributes (a provider's user agent on every
// stream, say) share one Extra.
func (p *parser) extra(groups []int32) *playlist.Extra {
	c := &p.cur
	if len(groups) < 2 && len(c.headers) == 0 && c.catchup == "" && c.catchDays == "" &&
		c.catchSrc == "" && c.catchShift == "" && c.tvgShift == "" && c.streamID == "" {
		return nil
	}
	if c.streamID != "" {
		return p.newExtra(groups) // unique per channel: nothing to share
	}
	k := p.key[:0]
	if len(groups) > 1 {
		for _, id := range groups {
			k = binary.AppendUvarint(k, uint64(id)+1)
		}
	}
	k = append(k, 0)
	for _, h := range c.headers {
		k = appendKeyString(k, h.Name)
		k = appendKeyString(k, h.Value)
	}
	k = append(k, 0)
	for _, s := range [...]string{c.catchup, c.catchDays, c.catchSrc, c.catchShift, c.tvgShift} {
		k = appendKeyString(k, s)
	}
	p.key = k
	if e, ok := p.extras[string(k)]; ok {
		return e
	}
	e := p.newExtra(groups)
	p.extras[string(k)] = e
	return e
}

func appendKeyString(k []byte, s string) []byte {
	k = binary.AppendUvarint(k, uint64(len(s)))
	return append(k, s...)
}

func (p *parser) newExtra(groups []int32) *playlist.Extra {
	c := &p.cur
	e := &playlist.Extra{
		Catchup:       c.catchup,
		CatchupDays:   c.catchDays,
		CatchupSource: c.catchSrc,
		CatchupShift:  c.catchShift,
		TvgShift:      c.tvgShift,
		StreamID:      c.streamID,
	}
	if len(groups) > 1 {
		e.Groups = make([]string, len(groups))
		for i, id := range groups {
			e.Groups[i] = p.groups.list[id].Name
		}
	}
	if len(c.headers) > 0 {
		e.Headers = append([]playlist.Header(nil), c.headers...)
	}
	return e
}
