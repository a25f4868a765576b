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
	group string
	query string
	json  bool
	count bool
}

func newListCmd(g *globals) *cobra.Command {
	var o listOptions
	c := &cobra.Command{
		Use:   "list [SOURCE...]",
		Short: "Print the channels of playlists or accounts",
		Long: `Print channels one per line (name, group and URL, tab-separated), as JSON
lines, or only their number. Passwords in URLs are shown as *** unless
--show-secrets is given.`,
		Example: `  tuner list ~/iptv/list.m3u --group "UK | News"
  curl -s https://example.org/list.m3u | tuner list - --search "bbc one" --json
  tuner list --xtream http://provider.example:8080 --username alice --count`,
		RunE: func(c *cobra.Command, args []string) error {
			return runList(c.Context(), g, o, args)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.group, "group", "g", "", "only channels in this group (case-insensitive)")
	f.StringVarP(&o.query, "search", "s", "", "only channels matching this fuzzy query, best first")
	f.BoolVar(&o.json, "json", false, "print JSON lines: name, group, tvg_id, logo, chno, url")
	f.BoolVarP(&o.count, "count", "c", false, "print only the number of channels")
	return c
}

func runList(ctx context.Context, g *globals, o listOptions, args []string) error {
	srcs, err := g.sources(ctx, args)
	if err != nil {
		return err
	}
	if o.count && o.group == "" && o.query == "" {
		n, err := countChannels(ctx, g.log, srcs)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(g.env.stdout, n)
		return err
	}
	chans, err := loadChannels(ctx, g.log, srcs)
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
	return writeChannels(out, chans, o.json, g.mask)
}

// counter is a source that can tell how many channels it holds without
// building them.
type counter interface {
	Count(ctx context.Context) (int, error)
}

// countChannels adds up the channels of every source, asking a source that
// can count for its number and loading only the others.
func countChannels(ctx context.Context, log *slog.Logger, srcs []playlist.Source) (int, error) {
	total := 0
	for _, s := range srcs {
		var n int
		var err error
		if c, ok := s.(counter); ok {
			if n, err = c.Count(ctx); err != nil {
				return 0, withCode(loadExitCode(err), err)
			}
			if n == 0 {
				return 0, noChannels(s)
			}
		} else {
			// Loaded as tuner list loads it, so errors and an empty source
			// exit alike with or without --count.
			var p *playlist.Playlist
			if p, err = loadSource(ctx, log, s); err != nil {
				return 0, err
			}
			n = len(p.Channels)
		}
		total += n
	}
	return total, nil
}

// loadChannels loads every source in order. One source's channels are used
// as they are: copying 300,000 of them would cost a third of the memory.
func loadChannels(ctx context.Context, log *slog.Logger, srcs []playlist.Source) ([]playlist.Channel, error) {
	var chans []playlist.Channel
	for i, s := range srcs {
		p, err := loadSource(ctx, log, s)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			chans = p.Channels
			continue
		}
		chans = append(chans[:len(chans):len(chans)], p.Channels...)
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
	enc := json.NewEncoder(jsonWriter{w})
	enc.SetEscapeHTML(false)
	for i := range chans {
		c := &chans[i]
		if asJSON {
			if err := enc.Encode(jsonChannel{c.Name, c.Group, c.TvgID, c.Logo, c.Chno, mask(c.URL)}); err != nil {
				return err
			}
			continue
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\n", playlist.Printable(c.Name), playlist.Printable(c.Group), mask(playlist.Printable(c.URL))); err != nil {
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
	log.Debug("loaded", "source", s.Name(), "channels", len(p.Channels), "groups", len(p.Groups), "took", time.Since(start))
	if len(p.Channels) == 0 {
		return nil, noChannels(s)
	}
	return p, nil
}

func noChannels(s playlist.Source) error {
	return &playlist.Error{Source: s.Name(), Problem: playlist.NotPlaylist, Detail: "no channels: the playlist is empty or unreadable"}
}
