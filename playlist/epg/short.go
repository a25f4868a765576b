package epg

import (
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// FromShort builds a one-channel guide from an Xtream get_short_epg answer,
// for a selected channel when no full guide is loaded. channelID names the
// channel (the stream's epg_channel_id or stream id); the returned Key
// selects it. Listings without a start time are skipped and counted.
func FromShort(channelID string, ls []xtream.Listing) (*Guide, Key) {
	if channelID == "" {
		channelID = "stream"
	}
	b := newBuilder()
	b.source = "short EPG"
	ch := b.channelIndex([]byte(channelID))
	for i, l := range ls {
		if l.Start.IsZero() {
			b.skip(int64(i), "listing", "no start time")
			continue
		}
		p := prog{
			start: l.Start.Unix(),
			title: b.intern([]byte(strings.TrimSpace(l.Title))),
			desc:  b.intern([]byte(strings.TrimSpace(l.Description))),
			ch:    ch,
		}
		if l.End.After(l.Start) {
			p.stop = l.End.Unix()
		}
		b.add(p)
	}
	g := b.guide()
	g.FetchedAt = time.Now()
	g.Sources = []string{b.source}
	return g, Key{ch: int32(ch) + 1}
}
