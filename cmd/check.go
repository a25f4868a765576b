package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tuner-iptv/tuner/session/check"
)

type checkOptions struct {
	probe     probeCount
	probeTime time.Duration
	format    string
	pace      time.Duration
	timeout   time.Duration
	json      bool
	all       bool
}

func newCheckCmd(g *globals) *cobra.Command {
	o := checkOptions{probe: probeCount(check.ProbeAuto)}
	c := &cobra.Command{
		Use:   "check [SOURCE...]",
		Short: "Test an account or playlist: credentials, expiry, free connections, a stream",
		Long: `Check whether a subscription works before you sit down to watch, or from a
script. For an Xtream Codes account (--xtream, or a get.php playlist URL) it
reports whether the provider is reachable, whether it accepts the username and
password, the account status and expiry, connections in use and allowed, the
allowed stream formats, the server's time zone, the number of channels and
groups, and the guide URL. For a plain playlist it reports its size and guide.

With a free connection it then opens one stream (--probe N for more), reads a
few seconds of it and closes it before opening the next. It never holds more
connections at once than the account has free, and opens none when no slot is
free. For HLS it lists the variants (resolution, bandwidth, codecs); for
MPEG-TS it reports the bytes per second received; for both, the data rate.

It is polite: a handful of requests per source, at least --pace apart, and
sources are checked one after another. Passwords are shown as *** unless
--show-secrets is given.

Exit codes (with several sources, the code of the first that failed):
  0  OK
  1  unexpected error
  2  usage error
  3  credentials rejected
  4  account expired, banned or disabled
  5  no free connection slot
  6  provider unreachable, timed out, failing (5xx) or rate limiting
  7  playlist empty or unparseable`,
		Example: `  TUNER_PASSWORD=... tuner check --xtream http://provider.example:8080 --username alice
  tuner check 'http://provider.example/get.php?username=alice&password=...&type=m3u_plus'
  tuner check --xtream http://provider.example:8080 -u alice --probe 0 --json
  tuner check ~/iptv/list.m3u`,
		RunE: func(c *cobra.Command, args []string) error {
			ctx, stop := signalContext(c.Context())
			defer stop()
			return runCheck(ctx, g, o, args)
		},
	}
	f := c.Flags()
	f.Var(&o.probe, "probe", "streams to open one after another, at most "+strconv.Itoa(check.MaxProbes)+"; auto is 1 when a connection is free, 0 when none is")
	f.DurationVar(&o.probeTime, "probe-time", check.DefaultProbeTime, "how long to read each probed stream")
	f.StringVar(&o.format, "format", "", "stream format to probe on an account: ts or m3u8 (default ts unless the account allows only m3u8)")
	f.DurationVar(&o.pace, "pace", check.DefaultPace, "least time between two requests to one provider")
	f.DurationVar(&o.timeout, "timeout", check.DefaultTimeout, "how long to wait for the provider to answer a request")
	f.BoolVar(&o.json, "json", false, "print one JSON object per source, one per line")
	f.BoolVar(&o.all, "all", false, "check every source in the config file as well as those given")
	return c
}

// probeCount is --probe: a count, or "auto" until set.
type probeCount int

func (p *probeCount) String() string {
	if *p == check.ProbeAuto {
		return "auto"
	}
	return strconv.Itoa(int(*p))
}

func (p *probeCount) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("want a number of streams, 0 or more")
	}
	if n > check.MaxProbes {
		return fmt.Errorf("at most %d streams are probed per check", check.MaxProbes)
	}
	*p = probeCount(n)
	return nil
}

func (p *probeCount) Type() string { return "N" }

func runCheck(ctx context.Context, g *globals, o checkOptions, args []string) error {
	if err := o.validate(); err != nil {
		return err
	}
	g.allSources = o.all
	srcs, err := g.sources(ctx, args)
	if err != nil {
		return err
	}
	checker := check.New(o.checkOptions(g))
	out := g.env.stdout
	styled := !o.json && isTerminal(out)
	var reports []*check.Report
	status := isTerminal(g.env.stderr) && !o.json
	for i, src := range srcs {
		if status {
			// A check takes a few seconds by design (spaced requests, a
			// stream read); say what is going on meanwhile.
			fmt.Fprintf(g.env.stderr, "checking %s ...", g.mask(src.Name()))
		}
		r := checker.Check(ctx, src)
		if status {
			fmt.Fprint(g.env.stderr, "\r\x1b[K")
		}
		reports = append(reports, r)
		if err := writeReport(out, r, o.json, styled, i > 0, g.mask); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return withCode(ExitError, errors.New("check interrupted"))
		}
	}
	return checkResult(reports, g.mask)
}

func (o checkOptions) validate() error {
	switch strings.ToLower(o.format) {
	case "", "ts", "m3u8", "hls":
	default:
		return usageErrorf("--format %q: want ts or m3u8", o.format)
	}
	if o.probeTime <= 0 || o.timeout <= 0 || o.pace < 0 {
		return usageErrorf("--probe-time and --timeout must be positive, --pace zero or more")
	}
	return nil
}

func (o checkOptions) checkOptions(g *globals) check.Options {
	pace := o.pace
	if pace == 0 {
		pace = -1 // check.Options reads 0 as "the default"
	}
	return check.Options{
		Probe: int(o.probe), Format: o.format, ProbeTime: o.probeTime, Pace: pace,
		Timeout: o.timeout, UserAgent: g.userAgentOrDefault(), ShowSecrets: g.showSecrets,
		Secrets: []string{g.password, g.env.getenv("TUNER_PASSWORD")},
	}
}

// checkResult is the error that sets the exit code: nil when every source is OK.
func checkResult(rs []*check.Report, mask func(string) string) error {
	worst := check.Worst(rs)
	if worst == check.OK {
		return nil
	}
	failed := 0
	var first *check.Report
	for _, r := range rs {
		if r.Outcome != check.OK {
			failed++
			if first == nil {
				first = r
			}
		}
	}
	msg := fmt.Sprintf("%s: %s", first.Source, first.Verdict)
	if len(rs) > 1 {
		msg = fmt.Sprintf("%d of %d sources failed; first %s", failed, len(rs), msg)
	}
	return withCode(worst.ExitCode(), errors.New(mask(msg)))
}

// termWidth is the terminal's width in columns, 0 when unknown.
func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil {
			return cols
		}
	}
	return 0
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func writeReport(w io.Writer, r *check.Report, asJSON, styled, gap bool, mask func(string) string) error {
	if asJSON {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return err
		}
		_, err := io.WriteString(w, mask(b.String()))
		return err
	}
	rows := reportRows(r, time.Now())
	for i := range rows {
		rows[i][1] = mask(rows[i][1])
	}
	verdict := mask(r.Verdict)
	if gap {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	if styled {
		_, err := lipgloss.Fprintln(w, styledReport(mask(r.Source), rows, verdict, r.Outcome == check.OK, termWidth(w)))
		return err
	}
	return plainReport(w, mask(r.Source), rows, verdict)
}

func plainReport(w io.Writer, source string, rows [][2]string, verdict string) error {
	var b strings.Builder
	b.WriteString(source + "\n")
	width := 0
	for _, row := range rows {
		width = max(width, len(row[0]))
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, row[0], row[1])
	}
	b.WriteString(verdict + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func styledReport(source string, rows [][2]string, verdict string, ok bool, width int) string {
	key := lipgloss.NewStyle().Faint(true).PaddingLeft(1).PaddingRight(2)
	val := lipgloss.NewStyle().PaddingRight(1)
	t := table.New().
		Border(lipgloss.RoundedBorder()).
		BorderStyle(lipgloss.NewStyle().Foreground(lipgloss.Color("8"))).
		BorderColumn(false).
		StyleFunc(func(_, col int) lipgloss.Style {
			if col == 0 {
				return key
			}
			return val
		})
	for _, r := range rows {
		t.Row(r[0], r[1])
	}
	body := t.Render()
	if width > 0 && lipgloss.Width(body) > width {
		body = t.Width(width).Render() // wrap long URLs instead of breaking the frame
	}
	colour := lipgloss.Color("2")
	if !ok {
		colour = lipgloss.Color("1")
	}
	title := lipgloss.NewStyle().Bold(true).Render(source)
	return title + "\n" + body + "\n" + lipgloss.NewStyle().Bold(true).Foreground(colour).Render(verdict)
}

// reportRows lays out what the report knows, one row per fact, skipping
// what is unknown.
func reportRows(r *check.Report, now time.Time) [][2]string {
	var rows [][2]string
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, oneLine(v)})
		}
	}
	add("server", r.Server)
	add("username", r.Username)
	add("reachable", yesNo(r.Reachable))
	if r.Auth != nil {
		add("credentials", map[bool]string{true: "accepted", false: "rejected"}[*r.Auth])
	}
	add("status", r.Status)
	if r.Type == check.TypeXtream && r.Auth != nil && *r.Auth {
		add("expires", expiresText(r))
	}
	if c := r.Connections; c != nil {
		if c.Max > 0 {
			add("connections", fmt.Sprintf("%d in use of %d allowed (%d free)", c.Active, c.Max, c.Free))
		} else {
			add("connections", fmt.Sprintf("%d in use, limit not given", c.Active))
		}
	}
	add("formats", strings.Join(r.AllowedFormats, ", "))
	add("time zone", timezoneText(r))
	if r.Channels != nil {
		add("playlist", fmt.Sprintf("%d channels in %d groups", *r.Channels, deref(r.Groups)))
	}
	add("guide", r.GuideURL)
	for _, p := range r.Probes {
		add("probe", probeText(p))
	}
	add("note", r.ProbeNote)
	if r.Requests > 0 {
		add("requests", strconv.Itoa(r.Requests))
	}
	return rows
}

func expiresText(r *check.Report) string {
	if r.ExpiresAt == nil {
		return "never (no expiry date)"
	}
	d := deref(r.DaysLeft)
	when := r.ExpiresAt.Format(time.DateOnly)
	switch {
	case d < 0:
		return fmt.Sprintf("%s (%d days ago)", when, -d)
	case d == 1:
		return when + " (1 day left)"
	}
	return fmt.Sprintf("%s (%d days left)", when, d)
}

func timezoneText(r *check.Report) string {
	tz := r.Timezone
	if r.ServerTime == nil {
		return tz
	}
	st := r.ServerTime.UTC().Format("2006-01-02 15:04 UTC")
	if loc, err := time.LoadLocation(r.Timezone); err == nil && r.Timezone != "" {
		st = r.ServerTime.In(loc).Format("2006-01-02 15:04 MST")
	}
	if tz == "" {
		return "server time " + st
	}
	return fmt.Sprintf("%s (server time %s)", tz, st)
}

func probeText(p check.Probe) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): ", p.Channel, p.Format)
	for i, v := range p.Variants {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %d kbit/s %s", orDash(v.Resolution), v.Bandwidth/1000, orDash(v.Codecs))
		if i == len(p.Variants)-1 {
			b.WriteString("; ")
		}
	}
	if !p.OK {
		b.WriteString(p.Error)
		return b.String()
	}
	if p.Format == check.FormatHLS {
		fmt.Fprintf(&b, "first segment %s, %.1f s of media, %s", size(p.Bytes), p.MediaSeconds, rate(p.BytesPerSecond))
		return b.String()
	}
	fmt.Fprintf(&b, "read %s in %.1f s, %s", size(p.Bytes), p.Seconds, rate(p.BytesPerSecond))
	return b.String()
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func rate(bytesPerSecond int64) string { return size(bytesPerSecond) + "/s" }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
