package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/search"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/tui"
)

type epgOptions struct {
	guides   []string
	interval time.Duration
	refresh  bool
}

func newEpgCmd(g *globals) *cobra.Command {
	var o epgOptions
	c := &cobra.Command{
		Use:   "epg",
		Short: "Check the programme guide: which channels it covers and what is on",
		Long: `The programme guide comes from the guides a playlist names in its header
(url-tvg, x-tvg-url), an Xtream account's xmltv.php, and any --guide given.
Guides are cached and fetched again when older than --refresh-interval.
Channels are matched by tvg-id, then tvg-id ignoring case, then by name with
quality tags (HD, FHD, 4K) and country prefixes (UK:) left out.`,
		Example: `  # which channels have no guide, and how the others matched
  tuner epg unmatched ~/iptv/list.m3u --guide ~/iptv/guide.xml.gz

  # what is on now on the BBC channels
  tuner epg now --xtream http://provider.example:8080 --username alice --search bbc`,
	}
	f := c.PersistentFlags()
	f.StringArrayVar(&o.guides, "guide", nil, "XMLTV guide file or http(s) URL, plain or gzip (repeatable); added to the playlists' own")
	f.DurationVar(&o.interval, "refresh-interval", epg.DefaultRefreshInterval, "fetch a cached guide again once it is this old")
	f.BoolVar(&o.refresh, "refresh", false, "fetch the guides now, whatever the age of the cached copy")
	c.AddCommand(newEpgUnmatchedCmd(g, &o), newEpgNowCmd(g, &o))
	return c
}

func newEpgUnmatchedCmd(g *globals, o *epgOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "unmatched [SOURCE...]",
		Short: "List the channels the guide has nothing for, and how the others matched",
		Long: `Print the channels without a guide, one per line (name, group and tvg-id,
tab-separated), so the playlist can be fixed. How many channels matched, and
by which rule, goes to standard error.`,
		RunE: func(c *cobra.Command, args []string) error {
			pls, gd, err := loadGuided(c.Context(), g, o, args)
			if err != nil {
				return err
			}
			return writeUnmatched(g.env.stdout, g.env.stderr, pls, gd)
		},
	}
}

func newEpgNowCmd(g *globals, o *epgOptions) *cobra.Command {
	var query, at string
	c := &cobra.Command{
		Use:   "now [SOURCE...]",
		Short: "Print what is on now and next on each channel",
		Long: `Print one line per channel: its name, the programme on now with its times,
and the next one, tab-separated. Channels without a guide say so.`,
		RunE: func(c *cobra.Command, args []string) error {
			when := time.Now()
			if at != "" {
				t, err := time.Parse(time.RFC3339, at)
				if err != nil {
					return usageErrorf("--at %q: want a time like 2026-11-23T18:15:00Z", at)
				}
				when = t
			}
			pls, gd, err := loadGuided(c.Context(), g, o, args)
			if err != nil {
				return err
			}
			return writeNow(c.Context(), g.env.stdout, pls, gd, query, when)
		},
	}
	c.Flags().StringVarP(&query, "search", "s", "", "only channels matching this fuzzy query, best first")
	c.Flags().StringVar(&at, "at", "", "show what is on at this time (RFC 3339) instead of now")
	return c
}

// loadGuided loads the sources and their guide. A guide that could be read
// only in part, or an old one kept after a failed refresh, is used with a
// warning.
func loadGuided(ctx context.Context, g *globals, o *epgOptions, args []string) ([]*playlist.Playlist, *epg.Guide, error) {
	srcs, err := g.sources(ctx, args)
	if err != nil {
		return nil, nil, err
	}
	var pls []*playlist.Playlist
	for _, s := range srcs {
		p, err := s.Load(ctx, nil)
		if err != nil {
			return nil, nil, withCode(loadExitCode(err), err)
		}
		pls = append(pls, p)
	}
	l := g.guideLoader(srcs, o.guides, o.interval)
	l.force = o.refresh
	gd, err := l.Guide(ctx, pls)
	switch {
	case gd == nil && err == nil:
		return nil, nil, usageErrorf("no guide: the playlists name none (url-tvg); give --guide FILE|URL")
	case gd == nil:
		return nil, nil, withCode(loadExitCode(err), err)
	case err != nil:
		fmt.Fprintln(g.env.stderr, "tuner: "+g.mask(guideWarning(err)))
	}
	return pls, gd, nil
}

func guideWarning(err error) string {
	var stale *epg.StaleError
	if errors.As(err, &stale) {
		return fmt.Sprintf("using the guide fetched %s: the refresh failed: %v", playlist.Ago(stale.Age), stale.Err)
	}
	return "part of the guide could not be read: " + err.Error()
}

// writeUnmatched lists the channels without a guide on w and sums up the
// match on summary.
func writeUnmatched(w, summary io.Writer, pls []*playlist.Playlist, gd *epg.Guide) error {
	out := bufio.NewWriter(w)
	total, matched := 0, 0
	var byRule [epg.ByName + 1]int
	for _, p := range pls {
		m := epg.MatchPlaylist(p, gd)
		total += len(p.Channels)
		matched += m.Matched
		for r := epg.ByID; r <= epg.ByName; r++ {
			byRule[r] += m.ByRule[r]
		}
		for _, i := range m.Unmatched {
			c := &p.Channels[i]
			fmt.Fprintf(out, "%s\t%s\t%s\n", oneLine(c.Name), oneLine(c.Group), oneLine(c.TvgID))
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(summary, "guide: %d channels, %d programmes from %s\n",
		gd.Stats.Channels, gd.Stats.Programmes, strings.Join(gd.Sources, ", "))
	pct := 0
	if total > 0 {
		pct = matched * 100 / total
	}
	fmt.Fprintf(summary, "matched %d of %d channels (%d%%): %d by tvg-id, %d by tvg-id ignoring case, %d by name; %d unmatched\n",
		matched, total, pct, byRule[epg.ByID], byRule[epg.ByIDFold], byRule[epg.ByName], total-matched)
	return nil
}

// writeNow prints now and next for every channel, or for those matching
// query, best first.
func writeNow(ctx context.Context, w io.Writer, pls []*playlist.Playlist, gd *epg.Guide, query string, at time.Time) error {
	var chans []*playlist.Channel
	var keys []epg.Key
	for _, p := range pls {
		m := epg.MatchPlaylist(p, gd)
		for i := range p.Channels {
			chans = append(chans, &p.Channels[i])
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
		fmt.Fprintln(out, nowLine(chans[i], gd, keys[i], at))
	}
	return out.Flush()
}

func nowLine(c *playlist.Channel, gd *epg.Guide, k epg.Key, at time.Time) string {
	name := oneLine(c.Name)
	if !k.Valid() {
		return name + "\tno guide\t"
	}
	cur, next := gd.NowNext(k, at)
	now, later := "-", "-"
	if cur != nil {
		now = clockOf(cur.Start) + "–" + clockOf(cur.Stop) + " " + oneLine(cur.Title)
	}
	if next != nil {
		later = clockOf(next.Start) + " " + oneLine(next.Title)
	}
	return name + "\t" + now + "\t" + later
}

func clockOf(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.Local().Format("15:04")
}

// guideLoader finds, fetches and caches the programme guide of a set of
// playlists: the configured guides and the http(s) guides the playlists'
// headers name. A header never makes tuner read a local file. It is also the
// TUI's tui.GuideLoader.
type guideLoader struct {
	extra     []string // configured guide files or URLs
	interval  time.Duration
	force     bool // fetch again whatever the cached copy's age
	cache     *epg.Cache
	userAgent string
	xtream    map[string]*source.Xtream // by source name, for get_short_epg
	requests  requestURLs               // fills an account's password into its guide URL
}

// guideLoader returns the loader for srcs (as given, not wrapped by the
// playlist cache) with the configured guides; an interval of zero is
// epg.DefaultRefreshInterval.
func (g *globals) guideLoader(srcs []playlist.Source, guides []string, interval time.Duration) *guideLoader {
	l := &guideLoader{
		extra:     guides,
		interval:  interval,
		cache:     epg.DefaultCache(),
		userAgent: g.userAgentOrDefault(),
		xtream:    map[string]*source.Xtream{},
		requests:  requestURLsOf(srcs),
	}
	for _, s := range srcs {
		if x, ok := s.(*source.Xtream); ok {
			l.xtream[x.Name()] = x
		}
	}
	return l
}

// urls lists the guides to read: the configured ones first, then the
// playlists' own, each once.
func (l *guideLoader) urls(pls []*playlist.Playlist) []string {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if u = strings.TrimSpace(u); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range l.extra {
		add(u)
	}
	for _, p := range pls {
		if p == nil {
			continue
		}
		for _, u := range p.Header.GuideURLs {
			if isHTTP(strings.TrimSpace(u)) {
				add(u)
			}
		}
	}
	return out
}

// Guide loads the guide of pls: from the cache while it is young enough,
// else fetched again, keeping the cached one when that fails. Guides that
// are only local files are read afresh each time: they are as quick to read
// as the cache and may have changed.
func (l *guideLoader) Guide(ctx context.Context, pls []*playlist.Playlist) (*epg.Guide, error) {
	urls := l.urls(pls)
	if len(urls) == 0 {
		return nil, nil
	}
	load := func(ctx context.Context) (*epg.Guide, error) { return epg.LoadURLs(ctx, urls, l.fetch) }
	if !anyHTTP(urls) {
		return load(ctx)
	}
	key := epg.CacheKey(urls)
	if l.force {
		return l.cache.Refresh(ctx, key, nil, load)
	}
	return l.cache.Get(ctx, key, l.interval, load)
}

// Short asks an Xtream account for the next programmes of one channel.
func (l *guideLoader) Short(ctx context.Context, ch *playlist.Channel) (*epg.Guide, epg.Key, error) {
	x := l.xtream[ch.Source]
	if x == nil || ch.Extra == nil || ch.Extra.StreamID == "" {
		return nil, epg.Key{}, nil
	}
	ls, err := x.Client().ShortEPG(ctx, ch.Extra.StreamID, 0)
	if err != nil {
		return nil, epg.Key{}, err
	}
	id := ch.TvgID
	if id == "" {
		id = ch.Extra.StreamID
	}
	g, k := epg.FromShort(id, ls)
	return g, k, nil
}

func (l *guideLoader) fetch(ctx context.Context, u string) (io.ReadCloser, error) {
	if isHTTP(u) {
		resp, err := remote.Fetch(ctx, l.requests.guide(u), remote.Options{UserAgent: l.userAgent, MaxBytes: epg.MaxGuideBytes})
		if err != nil {
			return nil, err
		}
		return resp.Body, nil
	}
	path := strings.TrimPrefix(u, "file://")
	f, err := os.Open(path)
	if err != nil {
		return nil, &playlist.Error{Source: path, Problem: playlist.NotFound, Detail: "cannot open the guide", Err: err}
	}
	return f, nil
}

func isHTTP(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func anyHTTP(urls []string) bool {
	for _, u := range urls {
		if isHTTP(u) {
			return true
		}
	}
	return false
}

// Interval is how old a guide may get before it is fetched again.
func (l *guideLoader) Interval() time.Duration { return l.interval }

var _ tui.GuideLoader = (*guideLoader)(nil)
