package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/search"
)

type listOptions struct {
	group  string
	query  string
	json   bool
	count  bool
	kind   string
	series string
	// kinds is set when --kind or --series was given: the output then
	// says each entry's kind.
	kinds bool
}

func newListCmd(g *globals) *cobra.Command {
	var o listOptions
	c := &cobra.Command{
		Use:   "list [SOURCE...]",
		Short: "Print the channels of playlists or accounts",
		Long: `Print channels one per line (name, group and URL, tab-separated), as JSON
lines, or only their number. Passwords in URLs are shown as *** unless
--show-secrets is given.

--kind picks live channels (the default), movies, series or all of them: an
account's catalogues, or a playlist's entries by their URLs (/movie/ and
/series/). A show has no URL of its own; its line gives its id, which
--series ID takes to list its episodes. With --kind, --json adds kind, id,
year, rating and container, and for episodes series, season and episode.`,
		Example: `  tuner list ~/iptv/list.m3u --group "UK | News"
  curl -s https://example.org/list.m3u | tuner list - --search "bbc one" --json
  tuner list --xtream http://provider.example:8080 --username alice --count
  tuner list --xtream http://provider.example:8080 -u alice --kind movie --search heat
  tuner list --xtream http://provider.example:8080 -u alice --kind series --series 42`,
		RunE: func(c *cobra.Command, args []string) error {
			o.kinds = c.Flags().Changed("kind") || o.series != ""
			return runList(c.Context(), g, o, args)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.group, "group", "g", "", "only channels in this group (case-insensitive)")
	f.StringVarP(&o.query, "search", "s", "", "only channels matching this fuzzy query, best first")
	f.BoolVar(&o.json, "json", false, "print JSON lines: name, group, tvg_id, logo, chno, url")
	f.BoolVarP(&o.count, "count", "c", false, "print only the number of channels")
	f.StringVar(&o.kind, "kind", "live", "what to list: live, movie, series or all")
	f.StringVar(&o.series, "series", "", "list the episodes of the show with this id (with --kind series)")
	return c
}

// listKinds reads --kind and checks --series goes with it.
func (o listOptions) listKinds() (listKinds, error) {
	ks, err := parseListKinds(o.kind)
	if err == nil && o.series != "" && ks != kindSeries {
		err = usageErrorf("--series goes with --kind series")
	}
	return ks, err
}

func runList(ctx context.Context, g *globals, o listOptions, args []string) error {
	ks, err := o.listKinds()
	if err != nil {
		return err
	}
	srcs, err := g.sources(ctx, args)
	if err != nil {
		return err
	}
	if o.count && o.group == "" && o.query == "" && o.series == "" {
		n, err := countChannels(ctx, g.log, srcs, ks)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(g.env.stdout, n)
		return err
	}
	var chans []playlist.Channel
	if o.series != "" {
		chans, err = seriesEpisodes(ctx, srcs, o.series)
	} else {
		chans, err = loadChannels(ctx, g.log, srcs, ks)
	}
	if err != nil {
		return err
	}
	chans = filterGroup(chans, o.group)
	if o.query != "" {
		chans, err = searchChannels(ctx, chans, o.query)
		if err != nil {
			return err
		}
	}
	out := bufio.NewWriterSize(g.env.stdout, 64<<10)
	defer out.Flush()
	if o.count {
		fmt.Fprintln(out, len(chans))
		return nil
	}
	if g.showSecrets {
		// Kept URLs hold *** for an account's password: show the real one.
		r := requestURLsOf(srcs)
		for i := range chans {
			chans[i].URL = r.channel(chans[i].Source, chans[i].URL)
		}
	}
	return writeEntries(out, chans, o.json, o.kinds, g.mask)
}

// countChannels adds up the entries of the kinds asked for of every
// source, asking a source that can count for its numbers and loading only
// the others.
func countChannels(ctx context.Context, log *slog.Logger, srcs []playlist.Source, ks listKinds) (int, error) {
	total := 0
	for _, s := range srcs {
		if c, ok := s.(kindCounter); ok {
			n, err := c.CountKinds(ctx)
			if err != nil {
				return 0, withCode(loadExitCode(err), err)
			}
			if n.Total() == 0 {
				return 0, noChannels(s)
			}
			total += ks.of(n)
			continue
		}
		// Loaded as tuner list loads it, so errors and an empty source
		// exit alike with or without --count.
		chans, err := sourceEntries(ctx, log, s, ks)
		if err != nil {
			return 0, err
		}
		total += len(chans)
	}
	return total, nil
}

// loadChannels loads every source in order. One source's channels are used
// as they are: copying 300,000 of them would cost a third of the memory.
func loadChannels(ctx context.Context, log *slog.Logger, srcs []playlist.Source, ks listKinds) ([]playlist.Channel, error) {
	var chans []playlist.Channel
	for i, s := range srcs {
		entries, err := sourceEntries(ctx, log, s, ks)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			chans = entries
			continue
		}
		chans = append(chans[:len(chans):len(chans)], entries...)
	}
	return chans, nil
}

func filterGroup(chans []playlist.Channel, group string) []playlist.Channel {
	if group == "" {
		return chans
	}
	var out []playlist.Channel
	for i := range chans {
		for _, gr := range chans[i].Groups() {
			if strings.EqualFold(gr, group) {
				out = append(out, chans[i])
				break
			}
		}
	}
	return out
}

func searchChannels(ctx context.Context, chans []playlist.Channel, q string) ([]playlist.Channel, error) {
	names := make([]string, len(chans))
	for i := range chans {
		names[i] = chans[i].Name
	}
	idx, err := search.NewIndex(names).Search(ctx, q, nil)
	if err != nil {
		return nil, err
	}
	out := make([]playlist.Channel, len(idx))
	for i, j := range idx {
		out[i] = chans[j]
	}
	return out, nil
}

type jsonChannel struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	TvgID string `json:"tvg_id"`
	Logo  string `json:"logo"`
	Chno  string `json:"chno"`
	URL   string `json:"url"`
}

func writeChannels(w io.Writer, chans []playlist.Channel, asJSON bool, mask func(string) string) error {
	return writeEntries(w, chans, asJSON, false, mask)
}

// writeEntries prints chans; withKind adds to JSON what kind of entry each
// is and what a catalogue says of it. A show, which has no URL, prints its
// id where the URL would be.
func writeEntries(w io.Writer, chans []playlist.Channel, asJSON, withKind bool, mask func(string) string) error {
	enc := json.NewEncoder(jsonWriter{w})
	enc.SetEscapeHTML(false)
	for i := range chans {
		c := &chans[i]
		if asJSON {
			var v any = jsonChannel{c.Name, c.Group, c.TvgID, c.Logo, c.Chno, mask(c.URL)}
			if withKind {
				v = entryOf(c, mask(c.URL))
			}
			if err := enc.Encode(v); err != nil {
				return err
			}
			continue
		}
		where := c.URL
		if where == "" && c.Kind() == playlist.KindSeries && c.Extra != nil {
			where = c.Extra.StreamID
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\n", playlist.Printable(c.Name), playlist.Printable(c.Group), mask(playlist.Printable(where))); err != nil {
			return err
		}
	}
	return nil
}

// jsonWriter escapes what encoding/json leaves raw and a terminal would
// obey (C1 controls, bidi overrides). Each Write is one whole value from a
// json.Encoder, so no rune is split between two.
type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(p []byte) (int, error) {
	if _, err := j.w.Write(playlist.EscapeJSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// loadSource loads one source; one that lists no channels failed to load,
// as tuner check says, whatever it held instead (a header, NUL bytes).
func loadSource(ctx context.Context, log *slog.Logger, s playlist.Source) (*playlist.Playlist, error) {
	start := time.Now()
	p, err := s.Load(ctx, nil)
	if err != nil {
		log.Debug("load failed", "source", s.Name(), "err", err)
		return nil, err
	}
	log.Debug("loaded", "source", s.Name(), "channels", p.Channels.Len(), "groups", len(p.Groups), "took", time.Since(start))
	if p.Channels.Len() == 0 {
		return nil, noChannels(s)
	}
	return p, nil
}

func noChannels(s playlist.Source) error {
	return &playlist.Error{Source: s.Name(), Problem: playlist.NotPlaylist, Detail: "no channels: the playlist is empty or unreadable"}
}
