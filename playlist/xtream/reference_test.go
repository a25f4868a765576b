package xtream

import (
	"net/url"

	"github.com/tuner-iptv/tuner/playlist"
)

// channels is how channels were built from a whole answer decoded by
// DecodeStreams, kept as the model the streaming decoder must agree with.
func (c *Client) channels(streams []Stream, cats []Category, ext string) []playlist.Channel {
	names := make(map[Str]string, len(cats))
	for _, cat := range cats {
		names[cat.ID] = string(cat.Name)
	}
	src := c.Name()
	prefix := c.StreamURL("", "")
	prefix = prefix[:len(prefix)-len(".ts")] // BASE/live/USER/***/, built once
	chs := make([]playlist.Channel, 0, len(streams))
	extras := make([]playlist.Extra, len(streams)) // one allocation for all
	for i := range streams {
		s := &streams[i]
		if s.StreamID == "" {
			continue
		}
		ex := &extras[i]
		ex.StreamID = string(s.StreamID)
		if s.TVArchive {
			ex.Catchup = "xc"
			if s.TVArchiveDuration > 0 {
				ex.CatchupDays = itoa(int64(s.TVArchiveDuration))
			}
		}
		ch := playlist.Channel{
			Name:    string(s.Name),
			URL:     prefix + url.PathEscape(string(s.StreamID)) + "." + ext,
			Group:   names[s.CategoryID],
			TvgID:   string(s.EPGChannelID),
			TvgName: string(s.Name),
			Logo:    string(s.StreamIcon),
			Source:  src,
			Extra:   ex,
		}
		if s.Num > 0 {
			ch.Chno = itoa(int64(s.Num))
		}
		chs = append(chs, ch)
	}
	return chs
}
