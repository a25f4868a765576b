package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

type recordOptions struct {
	length time.Duration // --for
	until  string        // --until
	dir    string
	title  string
	// Scheduling: --at, with the paddings when --before/--after are given.
	at            string
	programme     string
	before, after time.Duration
	padSet        [2]bool
}

func newRecordCmd(g *globals) *cobra.Command {
	var o recordOptions
	c := &cobra.Command{
		Use:   "record CHANNEL",
		Short: "Record a channel now, in the foreground, on the account's own slot",
		Long: `Record a channel as the provider sends it (TS as it is, HLS segments joined
into one TS) until --for has passed, --until is reached, or Ctrl-C. CHANNEL is
a channel number or a name, matched as tuner list --search matches it; the
first match is recorded. The file goes to $XDG_DATA_HOME/tuner/recordings (or
--dir), with an info file beside it; its path is printed when it ends.

A recording holds one of the account's connections like playback does: on a
one-slot account it is refused while something plays, and nothing else plays
while it records. A provider that drops the stream is asked again at a
polite pace and the file goes on, the gap noted in the info file.

With --at it records later instead: the entry goes into the schedule
($XDG_STATE_HOME/tuner/schedule.json) from --at to --for or --until, padded
by [record] before and after (2 and 5 minutes), and tuner recorder, which
must run then, records it. An entry that overlaps another on a one-slot
account is refused, naming the other. --programme takes the window from the
guide instead: the programme of that title on now, or the next to come.`,
		Example: `  tuner record "BBC One" --for 1h30m
  tuner record 101 --until 21:00 --title "The Match"
  tuner record 101 --at 21:00 --for 1h45m --title "The Match"   # later, by tuner recorder
  tuner record "BBC One" --programme "The News at Ten"`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.padSet = [2]bool{c.Flags().Changed("before"), c.Flags().Changed("after")}
			if (o.at != "" || o.programme != "") && o.dir != "" {
				return usageErrorf("--dir goes with recording now; scheduled ones go where tuner recorder records ([record] dir or its --dir)")
			}
			if o.at != "" || o.programme != "" {
				return runSchedule(c.Context(), g, o, args[0])
			}
			if o.padSet[0] || o.padSet[1] {
				return usageErrorf("--before and --after go with --at or --programme")
			}
			return runRecord(c.Context(), g, o, args[0])
		},
	}
	f := c.Flags()
	f.DurationVar(&o.length, "for", 0, "how long to record, e.g. 1h30m")
	f.StringVar(&o.until, "until", "", "when to stop, e.g. 21:00 (the next one to come) or \"2026-12-02 21:00\"")
	f.StringVar(&o.dir, "dir", "", "folder for the recording (default $XDG_DATA_HOME/tuner/recordings)")
	f.StringVar(&o.title, "title", "", "the programme's title, for the file name")
	f.StringVar(&o.at, "at", "", "schedule it instead: start at 21:00 (the next one to come), \"2026-12-02 21:00\" or +10m from now; tuner recorder records it")
	f.StringVar(&o.programme, "programme", "", "schedule the next programme of this title on the channel, from the guide (on now, or the first to come)")
	f.DurationVar(&o.before, "before", 0, "with --at: start this much earlier (default [record] before, 2m)")
	f.DurationVar(&o.after, "after", 0, "with --at: stop this much later (default [record] after, 5m)")
	c.MarkFlagsMutuallyExclusive("for", "until", "programme")
	c.MarkFlagsMutuallyExclusive("at", "programme")
	return c
}

// end is when the recording stops by itself; zero is when stopped.
func (o recordOptions) end(now time.Time) (time.Time, error) {
	switch {
	case o.length < 0:
		return time.Time{}, usageErrorf("--for must be positive")
	case o.length > 0:
		return now.Add(o.length), nil
	case o.until == "":
		return time.Time{}, nil
	}
	return parseUntil(o.until, now)
}

// parseUntil reads 21:00 as the next 21:00 to come, or a full date and time.
func parseUntil(s string, now time.Time) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, now.Location()); err == nil {
		if !t.After(now) {
			return time.Time{}, usageErrorf("--until %s has passed", s)
		}
		return t, nil
	}
	t, err := time.ParseInLocation("15:04", s, now.Location())
	if err != nil {
		return time.Time{}, usageErrorf("--until %q: give a time like 21:00 or \"2026-12-02 21:00\"", s)
	}
	at := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return at, nil
}

func runRecord(ctx context.Context, g *globals, o recordOptions, query string) error {
	if _, err := o.end(time.Now()); err != nil {
		return err // before anything loads
	}
	dir, err := g.recordDir(o.dir)
	if err != nil {
		return err
	}
	remux, err := g.recordRemux()
	if err != nil {
		return err
	}
	store, err := lease.Open(stateDir())
	if err != nil {
		return err
	}
	if err := recoverLeases(ctx, g, store); err != nil {
		return err
	}
	noteRecovered(g, dir)
	mgr, err := g.recordManager(store)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Ctrl-C, SIGTERM and SIGHUP close the Manager: the file is synced and
	// its info final, the connection hung up, the lease given back.
	stopSignals := session.OnSignals(mgr, closeTimeout, func(os.Signal) { cancel() })
	defer stopSignals()
	defer mgr.Close(context.WithoutCancel(ctx))
	ch, err := g.recordChannel(ctx, mgr, query)
	if err != nil {
		return err
	}
	// --for counts from now, not from when the command started loading.
	until, err := o.end(time.Now())
	if err != nil {
		return err
	}
	r, err := mgr.Record(ctx, ch, session.RecordRequest{Until: until, Dir: dir, Title: o.title, Remux: remux})
	if err != nil && (ctx.Err() != nil || errors.Is(err, session.ErrRecordingStopped)) {
		// Ctrl-C while the provider was still answering: a stop, not a
		// failure; the slot is given back all the same.
		fmt.Fprintf(g.env.stderr, "tuner: stopped before the recording of %s began\n", playlist.Printable(ch.Name))
		return nil
	}
	if err != nil {
		return recordRefused(err)
	}
	fmt.Fprintf(g.env.stderr, "recording %s %s into %s (Ctrl-C stops)\n",
		playlist.Printable(ch.Name), untilWords(until), playlist.Printable(r.Path()))
	<-r.Ended()
	if in := r.Info(); remux != "" && in.Bytes > 0 {
		fmt.Fprintf(g.env.stderr, "remuxing %s to MKV with ffmpeg\n", playlist.Printable(r.Path()))
	}
	<-r.Done()
	return recordEnded(g, r)
}

// recordRefused gives a refused start its exit code and, for the
// provider's refusal, the diagnosis.
func recordRefused(err error) error {
	var taken *session.SlotTakenError
	var busy *session.SlotBusyError
	var re *session.RefusedError
	switch {
	case errors.As(err, &taken), errors.As(err, &busy):
		return withCode(ExitNoSlot, err)
	case errors.As(err, &re) && re.Refusal != nil:
		return fmt.Errorf("%w: %s", err, explainRefusal(re.Refusal))
	}
	return err
}

func untilWords(until time.Time) string {
	if until.IsZero() {
		return "until stopped"
	}
	return "until " + until.Local().Format("15:04")
}

// recordEnded prints the file's path, and says so when the recording
// ended early: its info says why.
func recordEnded(g *globals, r *session.Recording) error {
	in := r.Info()
	fmt.Fprintln(g.env.stdout, r.Path())
	if in.RemuxError != "" {
		fmt.Fprintf(g.env.stderr, "tuner: %s; the TS is kept\n", playlist.Printable(in.RemuxError))
	}
	if len(in.Gaps) > 0 {
		fmt.Fprintf(g.env.stderr, "tuner: %d gap(s) where the provider sent nothing; %s says when\n", len(in.Gaps), playlist.Printable(in.Path))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("the recording ended early (%s): %s", in.State, in.LastError)
	}
	return nil
}

// noteRecovered marks recordings a crash left behind as partial and says so.
func noteRecovered(g *globals, dir string) {
	marked, err := record.Recover(dir)
	if err != nil {
		g.log.Warn("recordings not checked", "dir", dir, "err", err)
	}
	for _, in := range marked {
		fmt.Fprintf(g.env.stderr, "tuner: the recording of %s from %s did not finish (tuner stopped); kept as %s\n",
			playlist.Printable(in.Channel), in.Started.Local().Format("2006-01-02 15:04"), in.State)
	}
}

// recordManager makes a Manager that records and plays nothing, so a
// server without a display or a player can record. Its gate takes any free
// port: no player reaches it from outside, and a fixed one would collide
// with the browser's.
func (g *globals) recordManager(store *lease.Store) (*session.Manager, error) {
	mgr, err := session.New(session.Options{RecordOnly: true, Store: store,
		UserAgent: g.userAgentOrDefault(), Logger: g.log, Explain: explainRefusal})
	if err != nil {
		return nil, err
	}
	g.limits().Tell(mgr)
	return mgr, nil
}

// explainRefusal is what a recording's info says for a refusal: the
// diagnosis's summary and likely cause, from what the refusal shows.
func explainRefusal(ref *session.Refusal) string {
	d := diagnose.Diagnose(diagnose.Evidence{Refusal: ref})
	return strings.TrimSpace(d.Summary + " " + d.LikelyCause)
}

// recordChannel loads the sources, telling mgr their accounts, and finds
// the channel: one whose number is query, else the first match of a
// search for it.
func (g *globals) recordChannel(ctx context.Context, mgr *session.Manager, query string) (playlist.Channel, error) {
	chans, _, err := g.liveChannels(ctx, mgr)
	if err != nil {
		return playlist.Channel{}, err
	}
	return findChannel(ctx, chans, query)
}

// liveChannels loads the sources, telling mgr (when not nil) their
// accounts, and returns their live channels and each source's account.
func (g *globals) liveChannels(ctx context.Context, mgr *session.Manager) ([]playlist.Channel, map[string]session.Account, error) {
	srcs, err := g.sources(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	if mgr != nil {
		tellCredentials(mgr, srcs)
	}
	limits := g.limits()
	var chans []playlist.Channel
	accts := map[string]session.Account{}
	for _, s := range srcs {
		p, err := loadSource(ctx, g.log, s)
		if err != nil {
			return nil, nil, err
		}
		if mgr != nil {
			limits.TellPlaylist(mgr, p)
		}
		accts[p.Source] = session.AccountFrom(p.Account, limits[p.Source])
		for _, c := range p.Channels.All() {
			if c.Kind() == playlist.KindLive {
				chans = append(chans, *c)
			}
		}
	}
	return chans, accts, nil
}

// findChannel is the channel whose number is query, else the first match
// of a search for it.
func findChannel(ctx context.Context, chans []playlist.Channel, query string) (playlist.Channel, error) {
	for _, c := range chans {
		if c.Chno != "" && c.Chno == query {
			return c, nil
		}
	}
	found, err := searchChannels(ctx, chans, query)
	if err != nil {
		return playlist.Channel{}, err
	}
	if len(found) == 0 {
		return playlist.Channel{}, withCode(ExitUsage, errors.New("no channel matches "+playlist.Printable(query)))
	}
	return found[0], nil
}
