package epg

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/search"
)

// WriteUnmatched lists the channels of pls that g has nothing for on w, one
// per line (name, group and tvg-id, tab-separated), so the playlist can be
// fixed, and sums up on summary how many matched and by which rule.
func WriteUnmatched(w, summary io.Writer, pls []*playlist.Playlist, g *Guide) error {
	out := bufio.NewWriter(w)
	total, matched := 0, 0
	var byRule [ByName + 1]int
	for _, p := range pls {
		m := MatchPlaylist(p, g)
		total += p.Channels.Len()
		matched += m.Matched
		for r := ByID; r <= ByName; r++ {
			byRule[r] += m.ByRule[r]
		}
		for _, i := range m.Unmatched {
			c := p.Channels.At(i)
			fmt.Fprintf(out, "%s\t%s\t%s\n", playlist.Printable(c.Name), playlist.Printable(c.Group), playlist.Printable(c.TvgID))
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(summary, "guide: %d channels, %d programmes from %s\n",
		g.Stats.Channels, g.Stats.Programmes, strings.Join(g.Sources, ", "))
	pct := 0
	if total > 0 {
		pct = matched * 100 / total
	}
	fmt.Fprintf(summary, "matched %d of %d channels (%d%%): %d by tvg-id, %d by tvg-id ignoring case, %d by name; %d unmatched\n",
		matched, total, pct, byRule[ByID], byRule[ByIDFold], byRule[ByName], total-matched)
	return nil
}

// WriteNowNext prints one line per channel of pls (or of those matching a
// fuzzy query, best first): its name, the programme on at that moment with
// its times, and the next one, tab-separated, times in loc. Channels without
// a guide say so.
func WriteNowNext(ctx context.Context, w io.Writer, pls []*playlist.Playlist, g *Guide, query string, at time.Time, loc *time.Location) error {
	var chans []*playlist.Channel
	var keys []Key
	for _, p := range pls {
		m := MatchPlaylist(p, g)
		for i := range p.Channels.Len() {
			chans = append(chans, p.Channels.At(i))
			keys = append(keys, m.Key(i))
		}
	}
	order := make([]int32, len(chans))
	for i := range order {
		order[i] = int32(i)
	}
	if query != "" {
		names := make([]string, len(chans))
		for i, c := range chans {
			names[i] = c.Name
		}
		var err error
		if order, err = search.NewIndex(names).Search(ctx, query, nil); err != nil {
			return err
		}
	}
	out := bufio.NewWriterSize(w, 64<<10)
	for _, i := range order {
		fmt.Fprintln(out, nowNextLine(chans[i], g, keys[i], at, loc))
	}
	return out.Flush()
}

func nowNextLine(c *playlist.Channel, g *Guide, k Key, at time.Time, loc *time.Location) string {
	name := playlist.Printable(c.Name)
	if !k.Valid() {
		return name + "\tno guide\t"
	}
	cur, next := g.NowNext(k, at)
	now, later := "-", "-"
	if cur != nil {
		now = clock(cur.Start, loc) + "–" + clock(cur.Stop, loc) + " " + playlist.Printable(cur.Title)
	}
	if next != nil {
		later = clock(next.Start, loc) + " " + playlist.Printable(next.Title)
	}
	return name + "\t" + now + "\t" + later
}

func clock(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "?"
	}
	return t.In(loc).Format("15:04")
}
