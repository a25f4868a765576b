package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
)

// killGrace is how long a player found through a lease gets to quit on
// SIGTERM before its process group is killed.
const killGrace = 3 * time.Second

// Recovery is what a start found left behind by a tuner that crashed or was
// killed.
type Recovery struct {
	// Orphans are leases whose player still runs: offer to stop them
	// (StopOrphans). In direct mode such a player still holds the slot.
	Orphans []lease.Lease
	// Recovered are leases with nothing left running; they are now marked
	// recovered. The provider may still count the slot for a while.
	Recovered []lease.Lease
}

// Messages says in plain words what Recover found, one line each.
func (r Recovery) Messages() []string {
	var out []string
	for _, l := range r.Orphans {
		out = append(out, fmt.Sprintf("A player tuner started earlier still runs (pid %d, %s on %s). Stop it to free the slot.",
			l.Player.PID, l.What(), l.Account()))
	}
	for _, l := range r.Recovered {
		out = append(out, fmt.Sprintf("tuner did not stop cleanly last time (%s on %s, since %s). The provider may still count that connection for a while.",
			l.What(), l.Account(), l.StartedAt.Local().Format("15:04")))
	}
	return out
}

// Recover looks for leases of tuners that are gone; call it at start.
func Recover(ctx context.Context, store *lease.Store) (Recovery, error) {
	orphans, recovered, err := store.Recover()
	return Recovery{Orphans: orphans, Recovered: recovered}, err
}

// StopOrphans stops the players of orphaned leases and releases them as
// forced.
func StopOrphans(ctx context.Context, store *lease.Store, orphans []lease.Lease) error {
	var first error
	for _, l := range orphans {
		if err := stopLease(ctx, store, l); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// stopLease stops the player a lease names (after checking it is the very
// process, not a reused pid) and releases the lease as forced. When the
// tuner that holds the lease still runs, it gets a moment to notice its
// player is gone and release the lease itself: it does so only after closing
// its upstream connection, which is what a caller about to open its own
// needs to know. A live pid that is not shown to be the player is left
// alone: the lease is released unless its tuner still runs, and the
// *player.NotPlayerError says what was found.
func stopLease(ctx context.Context, store *lease.Store, l lease.Lease) error {
	if l.Kind == "recording" && l.Tuner.Alive() && l.Tuner != lease.Self() {
		return stopRecorder(ctx, store, l)
	}
	_, err := player.KillGroup(ctx, l.Player, killGrace)
	var notPlayer *player.NotPlayerError
	if errors.As(err, &notPlayer) {
		if !l.Tuner.Alive() || l.Tuner == lease.Self() {
			release(store, l.ID)
		}
		return fmt.Errorf("%s on %s: %w", l.Channel, l.Account(), err)
	}
	if err != nil {
		return fmt.Errorf("stopping player pid %d: %w", l.Player.PID, err)
	}
	if l.Tuner.Alive() && l.Tuner != lease.Self() {
		waitReleased(ctx, store, l.ID, killGrace)
	}
	return release(store, l.ID)
}

// stopRecorder asks the tuner that records to stop, as Ctrl-C would: it
// syncs the file and gives the lease back itself. Its lease is never
// released for it: a recorder still writing holds the connection, and the
// store must not say otherwise.
func stopRecorder(ctx context.Context, store *lease.Store, l lease.Lease) error {
	if err := syscall.Kill(l.Tuner.PID, syscall.SIGTERM); err != nil {
		return fmt.Errorf("stopping the recorder pid %d: %w", l.Tuner.PID, err)
	}
	waitReleased(ctx, store, l.ID, killGrace)
	act, err := store.Active()
	if err == nil && slices.ContainsFunc(act, func(a lease.Lease) bool { return a.ID == l.ID }) {
		return fmt.Errorf("%s on %s: the recorder (pid %d) did not stop in %s", l.What(), l.Account(), l.Tuner.PID, killGrace)
	}
	return err
}

func release(store *lease.Store, id string) error {
	_, err := store.Release(id, lease.Forced)
	if err == lease.ErrNotFound {
		err = nil
	}
	return err
}

// waitReleased waits until the lease is no longer active, or for at most d.
func waitReleased(ctx context.Context, store *lease.Store, id string, d time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		act, err := store.Active()
		if err != nil || !slices.ContainsFunc(act, func(l lease.Lease) bool { return l.ID == id }) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// StopAll is `tuner stop`: it stops every player this user's tuners started
// on this machine and releases their leases. A running tuner whose player is
// stopped sees it exit and closes its upstream connection itself. It returns
// the leases it stopped.
func StopAll(ctx context.Context, store *lease.Store) ([]lease.Lease, error) {
	act, err := store.Active()
	if err != nil {
		return nil, err
	}
	host := hostname()
	var stopped []lease.Lease
	var errs []error
	for _, l := range act {
		if l.Hostname != "" && l.Hostname != host {
			continue // another machine's process table is not ours to touch
		}
		if err := stopLease(ctx, store, l); err != nil {
			errs = append(errs, err)
			continue
		}
		stopped = append(stopped, l)
	}
	return stopped, errors.Join(errs...)
}

// StopStrays is the rest of `tuner stop`: it quits the mpv players whose
// tuner was killed before a lease recorded them (see player.StopStrays).
func StopStrays(ctx context.Context) ([]lease.Proc, error) {
	return player.StopStrays(ctx, "", killGrace)
}

// TakeOver frees the slots other tuners on this machine hold on an account
// (see SlotBusyError): their players are stopped and their leases released
// as forced. Play can then be called again.
func TakeOver(ctx context.Context, store *lease.Store, busy *SlotBusyError) error {
	var first error
	for _, l := range busy.Holders {
		var notPlayer *player.NotPlayerError
		if err := stopLease(ctx, store, l); err != nil && !errors.As(err, &notPlayer) && first == nil {
			first = err
		}
	}
	return first
}

// Leases is what `tuner leases` shows. Leases hold no secret: the account is
// a host and a username and the URL is masked.
type Leases struct {
	Active []lease.Lease `json:"active"`
	Recent []lease.Lease `json:"recent"`
}

// ListLeases reads current and recent leases.
func ListLeases(store *lease.Store) (Leases, error) {
	act, err := store.Active()
	if err != nil {
		return Leases{}, err
	}
	rec, err := store.Recent()
	// Empty lists, not null, for scripts reading the JSON.
	return Leases{Active: append([]lease.Lease{}, act...), Recent: append([]lease.Lease{}, rec...)}, err
}

// WriteJSON writes the leases as indented JSON.
func (ls Leases) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ls)
}

// WriteText writes the leases as two small tables.
func (ls Leases) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACTIVE\tACCOUNT\tCHANNEL\tSTARTED\tPLAYER\tTUNER\tSTATE")
	for _, l := range ls.Active {
		state := "held"
		if l.Orphaned() {
			state = "orphaned"
		}
		fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\t%d\t%s\n", l.Account(), l.What(), stamp(l.StartedAt), playerCol(l), l.Tuner.PID, state)
	}
	fmt.Fprintln(tw, "RECENT\tACCOUNT\tCHANNEL\tSTARTED\tRELEASED\tHOW\t")
	for _, l := range ls.Recent {
		fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\t%s\t\n", l.Account(), l.What(), stamp(l.StartedAt), stamp(l.ReleasedAt), l.How)
	}
	return tw.Flush()
}

func playerCol(l lease.Lease) string {
	parts := []string{}
	if l.PlayerName != "" {
		parts = append(parts, l.PlayerName)
	}
	if l.Player.PID > 0 {
		parts = append(parts, fmt.Sprint(l.Player.PID))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// History returns tuner's own leases on an account, held ones first, then
// released ones newest first: the evidence a diagnosis of a refusal needs.
func History(store *lease.Store, acct Account) ([]lease.Lease, error) {
	ls, err := ListLeases(store)
	if err != nil {
		return nil, err
	}
	var out []lease.Lease
	for _, l := range append(ls.Active, ls.Recent...) {
		if l.Provider == acct.Provider && l.Username == acct.Username {
			out = append(out, l)
		}
	}
	return out, nil
}
