package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/internal/sim"
)

type demoOptions struct {
	serve    string // --serve's address; serveOnAddr when given alone
	join     bool
	scenario string
	channels int
	limit    int
	addr     string
}

// demoScenarios are the refusals a person can see on demand. Each is a list of
// simulator control commands applied before the browser opens.
var demoScenarios = map[string][]string{
	"occupied":    {"occupy 1"},
	"credentials": {"password not-what-you-typed"},
	"expired":     {"status Expired"},
	"banned":      {"status Banned"},
	"disabled":    {"status Disabled"},
	"iplock":      {"fault iplock 401"},
	"ratelimit":   {"fault rate 3 1m"},
	"fault":       {"fault 5xx 503"},
	"kick":        {"over kick"},
}

func newDemoCmd(g *globals) *cobra.Command {
	var o demoOptions
	c := &cobra.Command{
		Use:   "demo",
		Short: "Try tuner on a simulated IPTV provider running on 127.0.0.1",
		Long: `Start a simulated Xtream Codes provider on 127.0.0.1 with one connection
allowed, and open the browser on it. No account or internet is needed.

To see what happens when the slot is taken, run ` + "`tuner demo --join`" + ` in
another terminal while the first one plays, or start with --scenario occupied.

Scenarios: ` + scenarioNames() + `.`,
		Example: `  tuner demo
  tuner demo --join                 # a second tuner on the same account
  tuner demo --scenario expired     # the provider says the account expired
  tuner demo --serve 127.0.0.1:8080 # only the provider, for any player`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			serving, err := o.serveAddr(c.Flags().Changed("serve"), args)
			if err != nil {
				return err
			}
			return runDemo(c.Context(), g, o, serving)
		},
	}
	f := c.Flags()
	f.StringVar(&o.serve, "serve", "", "run only the simulated provider and print its account: --serve 127.0.0.1:PORT, or alone for --addr's address")
	f.Lookup("serve").NoOptDefVal = serveOnAddr
	f.BoolVar(&o.join, "join", false, "open the browser on the demo provider another tuner demo is running")
	f.StringVar(&o.scenario, "scenario", "", "start with a refusal to explore: "+scenarioNames())
	f.IntVar(&o.channels, "channels", 300, "number of channels the provider lists")
	f.IntVar(&o.limit, "connections", 1, "connections the account allows")
	f.StringVar(&o.addr, "addr", "127.0.0.1:0", "address for --serve (loopback only)")
	hideInHelp(c, "playlist", "xtream", "username", "password")
	return c
}

// serveOnAddr is --serve given alone: the address is --addr's, or the
// argument after --serve, as in `tuner demo --serve 127.0.0.1:8080`.
const serveOnAddr = "on-addr"

// serveAddr is the address to serve on, "" when not serving only the
// provider. pflag does not give an optional value the next word, so the
// address may arrive as the one argument.
func (o demoOptions) serveAddr(serve bool, args []string) (string, error) {
	switch {
	case !serve && len(args) > 0:
		return "", usageErrorf("demo takes no arguments; did you mean --serve %s?", args[0])
	case !serve:
		return "", nil
	case o.serve != serveOnAddr && len(args) > 0:
		return "", usageErrorf("demo --serve=%s: one address, not also %q", o.serve, args[0])
	case o.serve != serveOnAddr:
		return o.serve, nil
	case len(args) > 0:
		return args[0], nil
	}
	return o.addr, nil
}

// hideInHelp leaves root's flags that make no sense for c out of its help;
// the demo brings its own account.
func hideInHelp(c *cobra.Command, names ...string) {
	c.SetHelpFunc(func(c *cobra.Command, args []string) {
		for _, n := range names {
			if f := c.InheritedFlags().Lookup(n); f != nil {
				f.Hidden = true
			}
		}
		c.Parent().HelpFunc()(c, args)
	})
}

func scenarioNames() string {
	names := make([]string, 0, len(demoScenarios))
	for n := range demoScenarios {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func runDemo(ctx context.Context, g *globals, o demoOptions, serveAddr string) error {
	if o.join {
		return joinDemo(ctx, g)
	}
	cfg := sim.DemoConfig()
	cfg.Channels = o.channels
	cfg.MaxConnections = o.limit
	ctx, stop := signalContext(ctx)
	defer stop()
	if serveAddr != "" {
		return serveDemo(ctx, g, cfg, serveAddr)
	}
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		return err
	}
	defer s.Close()
	if err := applyScenario(s, o.scenario); err != nil {
		return err
	}
	g.log.Debug("demo provider", "url", s.URL(), "scenario", o.scenario)
	if err := writeDemoState(s.URL()); err != nil {
		return err
	}
	defer os.Remove(demoStatePath())
	g.xtream, g.username, g.password = s.URL(), cfg.Username, cfg.Password
	fmt.Fprint(g.env.stderr, demoHint(s.URL(), o.scenario))
	if err := runBrowser(ctx, g); err != nil {
		return err
	}
	fmt.Fprint(g.env.stderr, demoHint(s.URL(), o.scenario))
	return nil
}

// demoHint tells how to see the refusals tuner exists for. It is printed
// before the screen opens and again after it closes, where it stays visible.
func demoHint(url, scenario string) string {
	if scenario != "" {
		return fmt.Sprintf("tuner demo: provider at %s, scenario %q. Other scenarios: %s.\n", url, scenario, scenarioNames())
	}
	return fmt.Sprintf(`tuner demo: simulated provider at %s, account demo, 1 connection.
To see an occupied slot: play a channel, then run `+"`tuner demo --join`"+` in another
terminal, or start with `+"`tuner demo --scenario occupied`"+` (scenarios: %s).
`, url, scenarioNames())
}

func applyScenario(s *sim.Server, name string) error {
	if name == "" {
		return nil
	}
	cmds, ok := demoScenarios[name]
	if !ok {
		return usageErrorf("unknown scenario %q; choose one of %s", name, scenarioNames())
	}
	for _, c := range cmds {
		if _, err := s.Control(strings.Fields(c)...); err != nil {
			return err
		}
	}
	return nil
}

// serveDemo runs only the simulator and reads control commands from standard
// input, so a person can occupy the slot or expire the account while a player
// or a second tuner is pointed at it.
func serveDemo(ctx context.Context, g *globals, cfg sim.Config, addr string) error {
	if err := loopbackOnly(addr); err != nil {
		return err
	}
	s := sim.New(cfg)
	if err := s.Start(addr); err != nil {
		return fmt.Errorf("demo: cannot listen on %s: %w", addr, err)
	}
	defer s.Close()
	g.log.Debug("demo provider", "url", s.URL(), "serve", true)
	out := g.env.stdout
	sim.PrintAccount(out, s)
	fmt.Fprintf(out, "\nType a command to change the provider (help lists them); Ctrl-C stops it.\n")
	go readControl(g.env.stdin, out, s)
	<-ctx.Done()
	fmt.Fprintln(out, "demo provider stopped")
	return nil
}

func readControl(in io.Reader, out io.Writer, s *sim.Server) {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		args := strings.Fields(sc.Text())
		if len(args) == 0 {
			continue
		}
		if args[0] == "help" {
			fmt.Fprintln(out, sim.ControlHelp)
			continue
		}
		res, err := s.Control(args...)
		switch {
		case err != nil:
			fmt.Fprintln(out, err)
		case res != "":
			fmt.Fprintln(out, strings.TrimRight(res, "\n"))
		default:
			fmt.Fprintln(out, "ok")
		}
	}
}

// loopbackOnly keeps the simulator off every network but this machine's own.
func loopbackOnly(addr string) error {
	host := addr
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		host = addr[:i]
	}
	host = strings.Trim(host, "[]")
	switch host {
	case "127.0.0.1", "localhost", "::1":
		return nil
	}
	if strings.HasPrefix(host, "127.") {
		return nil
	}
	return usageErrorf("demo --addr %s: the simulated provider listens on loopback only (127.0.0.1:PORT)", addr)
}

type demoState struct {
	URL string `json:"url"`
}

func demoStatePath() string { return filepath.Join(stateDir(), "demo.json") }

func writeDemoState(url string) error {
	b, _ := json.Marshal(demoState{URL: url})
	return atomicfile.Write(demoStatePath(), b, 0o600)
}

func joinDemo(ctx context.Context, g *globals) error {
	b, err := atomicfile.ReadRegular(demoStatePath(), 1<<20)
	if err != nil {
		return usageErrorf("no demo is running: start `tuner demo` in another terminal first")
	}
	var st demoState
	if err := json.Unmarshal(b, &st); err != nil || st.URL == "" {
		return fmt.Errorf("%s: unreadable demo state; start `tuner demo` again", demoStatePath())
	}
	cfg := sim.DemoConfig()
	g.xtream, g.username, g.password = st.URL, cfg.Username, cfg.Password
	ctx, stop := signalContext(ctx)
	defer stop()
	return runBrowser(ctx, g)
}
