package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
		n, err := countChannels(ctx, srcs)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(g.env.stdout, n)
		return err
	}
	chans, err := loadChannels(ctx, srcs)
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
	return writeChannels(out, chans, o.json, g.mask)
}

// counter is a source that can tell how many channels it holds without
// building them.
type counter interface {
	Count(ctx context.Context) (int, error)
}

// countChannels adds up the channels of every source, asking a source that
// can count for its number and loading only the others.
func countChannels(ctx context.Context, srcs []playlist.Source) (int, error) {
	total := 0
	for _, s := range srcs {
		var n int
		var err error
		if c, ok := s.(counter); ok {
			n, err = c.Count(ctx)
		} else {
			var p *playlist.Playlist
			if p, err = s.Load(ctx, nil); err == nil {
				n = len(p.Channels)
			}
		}
		if err != nil {
			return 0, withCode(loadExitCode(err), err)
		}
		total += n
	}
	return total, nil
}

// loadChannels loads every source in order. One source's channels are used
// as they are: copying 300,000 of them would cost a third of the memory.
func loadChannels(ctx context.Context, srcs []playlist.Source) ([]playlist.Channel, error) {
	var chans []playlist.Channel
	for i, s := range srcs {
		p, err := s.Load(ctx, nil)
		if err != nil {
			return nil, withCode(loadExitCode(err), err)
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
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range chans {
		c := &chans[i]
		if asJSON {
			if err := enc.Encode(jsonChannel{c.Name, c.Group, c.TvgID, c.Logo, c.Chno, mask(c.URL)}); err != nil {
				return err
			}
			continue
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\n", oneLine(c.Name), oneLine(c.Group), mask(c.URL)); err != nil {
			return err
		}
	}
	return nil
}

// oneLine keeps a tab or newline inside a name from breaking the columns.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// loadExitCode maps a source failure to the exit code table shared with tuner check.
func loadExitCode(err error) int {
	switch playlist.ProblemOf(err) {
	case playlist.Refused:
		return ExitCredentials
	case playlist.TimedOut, playlist.Unreachable:
		return ExitUnreachable
	case playlist.NotPlaylist, playlist.TooLarge:
		return ExitPlaylist
	case playlist.NotFound, playlist.Invalid:
		return ExitUsage
	}
	return ExitError
}
