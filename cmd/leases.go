package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
)

func newStopCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "stop",
		Short: "Stop every player tuner started on this machine and give back its slots",
		Long: `Stop every player this user's tuners started on this machine, close their
provider connections and release their leases. Use it when a tuner was left
running in a terminal you cannot reach, or before watching on another device.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runStop(c.Context(), g)
		},
	}
}

func runStop(ctx context.Context, g *globals) error {
	store, err := lease.Open(stateDir())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	stopped, err := session.StopAll(ctx, store)
	g.log.Debug("stop", "stopped", len(stopped), "err", err)
	for _, l := range stopped {
		fmt.Fprintf(g.env.stdout, "stopped %s on %s (player pid %d)\n", playlist.Printable(l.What()), playlist.Printable(l.Account()), l.Player.PID)
	}
	strays, serr := session.StopStrays(ctx)
	for _, p := range strays {
		fmt.Fprintf(g.env.stdout, "stopped a player a killed tuner left behind (pid %d)\n", p.PID)
	}
	if err = errors.Join(err, serr); err != nil {
		return err
	}
	if len(stopped) == 0 && len(strays) == 0 {
		fmt.Fprintln(g.env.stdout, "nothing to stop: tuner holds no slot on this machine")
	}
	return nil
}

func newLeasesCmd(g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "leases",
		Short: "List the connection slots tuner holds and recently gave back",
		Long: `List current and recent leases: which account and channel, which player, when
it started, and when and how it was released (clean, recovered after a crash,
forced). Leases never contain a password.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			store, err := lease.Open(stateDir())
			if err != nil {
				return err
			}
			ls, err := session.ListLeases(store)
			if err != nil {
				return err
			}
			g.log.Debug("leases", "active", len(ls.Active), "recent", len(ls.Recent))
			if asJSON {
				return ls.WriteJSON(jsonWriter{g.env.stdout})
			}
			return ls.WriteText(textWriter{g.env.stdout})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: {active: [...], recent: [...]}")
	return c
}

// textWriter makes what it is given Printable, keeping the tabs and newlines
// that lay out a table. Each Write holds whole cells (fmt, tabwriter), so an
// escape sequence is never split between two.
type textWriter struct{ w io.Writer }

func (t textWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		for j, c := range cells {
			cells[j] = playlist.Printable(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	if _, err := io.WriteString(t.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}
