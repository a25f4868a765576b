package cmd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/playlist/xtream"
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
	c.AddCommand(newEpgUnmatchedCmd(g, &o), newEpgNowCmd(g, &o), newEpgSearchCmd(g, &o))
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
			return epg.WriteUnmatched(g.env.stdout, g.env.stderr, pls, gd)
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
			return epg.WriteNowNext(c.Context(), g.env.stdout, pls, gd, query, when, time.Local)
		},
	}
	c.Flags().StringVarP(&query, "search", "s", "", "only channels matching this fuzzy query, best first")
	c.Flags().StringVar(&at, "at", "", "show what is on at this time (RFC 3339) instead of now")
	return c
}

func newEpgSearchCmd(g *globals, o *epgOptions) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "search QUERY [SOURCE...]",
		Short: "Find programmes by title or description, on now, later or in the archive",
		Long: `Print the programmes whose title or description holds every word of QUERY,
ignoring case and accents, in time order: channel, day and times, title, and
whether it is on now, later, in the channel's archive (it can be replayed) or
aired. At most 500; add words to narrow it.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			pls, gd, err := loadGuided(c.Context(), g, o, args[1:])
			if err != nil {
				return err
			}
			found, err := epg.SearchChannels(c.Context(), pls, gd, args[0], time.Now())
			if err != nil {
				return err
			}
			if len(found) == 0 && !asJSON {
				return fmt.Errorf("no programme in the guide matches %q", playlist.Printable(args[0]))
			}
			return epg.WriteFound(g.env.stdout, found, time.Local, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
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
		p, err := loadSource(ctx, g.log, s)
		if err != nil {
			return nil, nil, err
		}
		pls = append(pls, p)
	}
	l := g.guides(srcs, o.guides, o.interval)
	l.Force = o.refresh
	gd, err := l.Guide(ctx, pls)
	g.log.Debug("guide", "loaded", gd != nil, "err", err)
	switch {
	case gd == nil && err == nil:
		return nil, nil, usageErrorf("no guide: the playlists name none (url-tvg); give --guide FILE|URL")
	case gd == nil:
		return nil, nil, err
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

// guides is the guide loader for srcs (as given, not wrapped by the
// playlist cache) with the configured guides; a maxAge of zero is
// epg.DefaultRefreshInterval.
func (g *globals) guides(srcs []playlist.Source, extra []string, maxAge time.Duration) *epg.Guides {
	return &epg.Guides{
		Extra:     extra,
		MaxAge:    maxAge,
		Cache:     epg.DefaultCache(),
		UserAgent: g.userAgentOrDefault(),
		Accounts:  xtreamClients(srcs),
		// A guide URL does not say which source named it: only an account on
		// the guide's own host may put its password in.
		RequestURL: requestURLsOf(srcs).guide,
	}
}

// xtreamClients are the API clients of the Xtream accounts among srcs, by
// source name.
func xtreamClients(srcs []playlist.Source) map[string]*xtream.Client {
	out := map[string]*xtream.Client{}
	for _, s := range srcs {
		if x, ok := s.(*source.Xtream); ok {
			out[x.Name()] = x.Client()
		}
	}
	return out
}

var _ tui.GuideLoader = (*epg.Guides)(nil)
