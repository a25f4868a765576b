package cmd

import (
	"context"
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

	"github.com/tuner-iptv/tuner/playlist"
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
	verbose   bool
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
groups, the number of movies and series (one request for each list), and
the guide URL. For a plain playlist it reports its size and guide.

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
	f.BoolVarP(&o.verbose, "verbose", "v", false, "list every guide a playlist names instead of counting them")
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
			fmt.Fprintf(g.env.stderr, "checking %s ...", g.mask(playlist.Printable(src.Name())))
		}
		r := checker.Check(ctx, src)
		vod := countVOD(ctx, src, r, o.pace)
		if status {
			fmt.Fprint(g.env.stderr, "\r\x1b[K")
		}
		reports = append(reports, r)
		g.log.Debug("checked", "source", r.Source, "outcome", r.Outcome, "verdict", r.Verdict, "requests", r.Requests, "err", r.Error)
		if err := writeReport(out, r, vod, o, styled, i > 0, g.mask); err != nil {
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

// checkResult is the error that sets the exit code: nil when every source is
// OK. The verdicts are on standard output already; standard error only
// names the failed sources when there were several.
func checkResult(rs []*check.Report, mask func(string) string) error {
	worst, msg := check.Summary(rs)
	switch {
	case worst == check.OK:
		return nil
	case msg == "":
		return quietly(outcomeCode(worst)) // the verdict on standard output says why
	}
	return withCode(outcomeCode(worst), errors.New(mask(msg)))
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

func writeReport(w io.Writer, r *check.Report, vod *vodCounts, o checkOptions, styled, gap bool, mask func(string) string) error {
	if o.json {
		return vod.writeJSON(w, r, mask)
	}
	if gap {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	if !styled {
		return vod.writeText(w, r, mask, o.verbose)
	}
	rows := vod.rows(r.Rows(o.verbose))
	for i := range rows {
		rows[i].Value = mask(rows[i].Value)
	}
	_, err := lipgloss.Fprintln(w, styledReport(mask(playlist.Printable(r.Source)), rows, mask(playlist.Printable(r.Verdict)), r.Outcome == check.OK, termWidth(w)))
	return err
}

// styledReport is the report framed and coloured for a terminal; the layout
// is session/check's, the looks are the command line's.
func styledReport(source string, rows []check.Row, verdict string, ok bool, width int) string {
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
		t.Row(r.Key, r.Value)
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
