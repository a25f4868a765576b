package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/record"
	"github.com/tuner-iptv/tuner/session/schedule"
)

// runSchedule adds a recording to the schedule instead of recording now,
// and says whether a recorder runs to make it.
func runSchedule(ctx context.Context, g *globals, o recordOptions, query string) error {
	var start, stop time.Time
	var err error
	if o.programme == "" {
		if start, stop, err = o.window(time.Now()); err != nil {
			return err // before anything loads
		}
	}
	before, after, err := g.paddings(o)
	if err != nil {
		return err
	}
	e, err := g.scheduledEntry(ctx, o, query, start, stop)
	if err != nil {
		return err
	}
	e.Before, e.After = schedule.Of(before), schedule.Of(after)
	added, err := schedule.Open(stateDir()).Add(e)
	var oe *schedule.OverlapError
	if errors.As(err, &oe) {
		return withCode(ExitNoSlot, fmt.Errorf("not scheduled: %s %s %s on %s",
			playlist.Printable(e.Name()), e.Span(time.Now()), playlist.Printable(oe.Error()), playlist.Printable(e.Account)))
	}
	if err != nil {
		return err
	}
	e, now := added, time.Now()
	what := playlist.Printable(e.Channel)
	if e.Title != "" {
		what = playlist.Printable(e.Title) + " on " + what
	}
	fmt.Fprintf(g.env.stdout, "scheduled %s, %s–%s (recording %s), id %s\n", what,
		e.Start.Local().Format("2006-01-02 15:04:05"), e.Stop.Local().Format("15:04:05"), e.Span(now), e.ID)
	g.sayRecorder()
	return nil
}

// scheduledEntry finds the channel to schedule and makes its entry, from
// start to stop or, with --programme, with the window and title the guide
// gives.
func (g *globals) scheduledEntry(ctx context.Context, o recordOptions, query string, start, stop time.Time) (schedule.Entry, error) {
	if o.programme == "" {
		chans, accts, err := g.liveChannels(ctx, nil)
		if err != nil {
			return schedule.Entry{}, err
		}
		ch, err := findChannel(ctx, chans, query)
		e := scheduleEntry(ch, accts[ch.Source], o.title)
		e.Start, e.Stop = start, stop
		return e, err
	}
	chans, accts, pls, gd, err := g.guidedChannels(ctx)
	if err != nil {
		return schedule.Entry{}, err
	}
	ch, err := findChannel(ctx, chans, query)
	if err != nil {
		return schedule.Entry{}, err
	}
	start, stop, title, err := programmeWindow(pls, gd, ch, o, time.Now())
	e := scheduleEntry(ch, accts[ch.Source], title)
	e.Start, e.Stop = start, stop
	return e, err
}

// sayRecorder tells whether a recorder runs to make what is scheduled, and
// how to start one.
func (g *globals) sayRecorder() {
	if pid, ok := schedule.RecorderRunning(stateDir()); ok {
		fmt.Fprintf(g.env.stderr, "tuner recorder runs (pid %d): it will record it\n", pid)
		return
	}
	fmt.Fprintf(g.env.stderr, "no recorder runs: nothing scheduled records until one does. Start one with\n"+
		"  tuner recorder%s\nin tmux, or as a service that survives logging out: tuner recorder --unit\n", g.sourceFlags())
}

// sourceFlags are the command line's source flags, for a command to copy:
// the recorder needs the same sources. Never a password.
func (g *globals) sourceFlags() string {
	var b strings.Builder
	for _, p := range g.playlists {
		fmt.Fprintf(&b, " --playlist %s", shellWord(playlist.MaskURL(p)))
	}
	if g.xtream != "" {
		fmt.Fprintf(&b, " --xtream %s --username %s", shellWord(g.xtream), shellWord(g.username))
	}
	return b.String()
}

// window is when a scheduled recording starts and stops.
func (o recordOptions) window(now time.Time) (time.Time, time.Time, error) {
	start, err := parseAt(o.at, now)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	switch {
	case o.length < 0:
		return time.Time{}, time.Time{}, usageErrorf("--for must be positive")
	case o.length > 0:
		return start, start.Add(o.length), nil
	case o.until != "":
		stop, err := parseUntil(o.until, start)
		return start, stop, err
	}
	return time.Time{}, time.Time{}, usageErrorf("--at needs --for or --until: how long to record")
}

// parseAt reads +10m as from now, 21:00 as the next 21:00 to come, or a
// full date and time.
func parseAt(s string, now time.Time) (time.Time, error) {
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return time.Time{}, usageErrorf("--at %q: give +10m, 21:00 or \"2026-12-02 21:00\"", s)
		}
		return now.Add(d), nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, now.Location()); err == nil && !t.After(now) {
		return time.Time{}, usageErrorf("--at %s has passed", s)
	}
	t, err := parseUntil(s, now)
	if err != nil {
		return time.Time{}, usageErrorf("--at %q: give +10m, 21:00 or \"2026-12-02 21:00\"", s)
	}
	return t, nil
}

// paddings are --before and --after, else the config's.
func (g *globals) paddings(o recordOptions) (time.Duration, time.Duration, error) {
	cfg, err := g.config()
	if err != nil {
		return 0, 0, err
	}
	before, after := cfg.Record.Before, cfg.Record.After
	if o.padSet[0] {
		before = o.before
	}
	if o.padSet[1] {
		after = o.after
	}
	if before < 0 || after < 0 {
		return 0, 0, usageErrorf("--before and --after must not be negative")
	}
	return before, after, nil
}

// scheduleEntry is what the schedule keeps of ch: enough to find it again
// (source, stream id, masked URL), and the account whose slots it takes.
func scheduleEntry(ch playlist.Channel, acct session.Account, title string) schedule.Entry {
	e := schedule.Entry{Source: ch.Source, Channel: ch.Name, URL: playlist.MaskURL(ch.URL), Title: title,
		Account: acct.Name(), Limit: max(acct.Limit, 1)}
	if ch.Extra != nil {
		e.StreamID = ch.Extra.StreamID
	}
	if acct.Provider == "" {
		// A playlist without an account: its slots are its host's.
		if u, err := url.Parse(ch.URL); err == nil {
			e.Account = u.Host
		}
	}
	return e
}

// shellWord quotes s for a command a person copies into a shell.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// withScheduled adds to rows the schedule's entries that have no file of
// their own (those that do are listed from their info), sorted by start,
// and says whether a recorder runs when some are still to come.
func (g *globals) withScheduled(rows []recordingRow) ([]recordingRow, error) {
	all, err := schedule.Open(stateDir()).List()
	if err != nil {
		return nil, err
	}
	waiting := false
	for _, e := range all {
		if e.File != "" && e.State != schedule.Scheduled {
			continue
		}
		waiting = waiting || e.State == schedule.Scheduled
		rows = append(rows, recordingRow{ID: e.ID, State: record.State(e.State), Channel: e.Channel, Title: e.Title,
			Started: e.From(), Until: e.To(), Seconds: int64(e.To().Sub(e.From()) / time.Second), LastError: e.Error})
	}
	slices.SortStableFunc(rows, func(a, b recordingRow) int { return a.Started.Compare(b.Started) })
	if waiting {
		g.sayRecorder()
	}
	return rows, nil
}

// cancelScheduled cancels a schedule entry by its id; a recorder that
// records it stops at its next look at the schedule.
func (g *globals) cancelScheduled(id string) error {
	e, err := schedule.Open(stateDir()).Cancel(id)
	if errors.Is(err, schedule.ErrNotFound) {
		return withCode(ExitUsage, fmt.Errorf("no scheduled recording has the id %s: tuner recordings lists them", playlist.Printable(id)))
	}
	if errors.Is(err, schedule.ErrFinal) {
		return withCode(ExitUsage, errors.New(playlist.Printable(err.Error())))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g.env.stdout, "cancelled %s on %s, %s\n", playlist.Printable(e.Name()), playlist.Printable(e.Channel), e.Span(time.Now()))
	return nil
}
