package cmd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

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
	for _, l := range stopped {
		fmt.Fprintf(g.env.stdout, "stopped %s on %s (player pid %d)\n", l.Channel, l.Account(), l.Player.PID)
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
			if asJSON {
				return ls.WriteJSON(g.env.stdout)
			}
			return ls.WriteText(g.env.stdout)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: {active: [...], recent: [...]}")
	return c
}
