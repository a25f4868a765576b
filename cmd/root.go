// Package cmd is tuner's command line: flags, config and wiring. Domain logic
// lives in playlist and session; screens live in tui.
package cmd

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

// Version is set at build time with -ldflags "-X github.com/tuner-iptv/tuner/cmd.Version=v1.2.3".
var Version = ""

// env is what a command run sees of the outside world, so tests can run the
// whole command tree in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// globals are the flags every command shares.
type globals struct {
	playlists   []string
	xtream      string
	username    string
	password    string
	showSecrets bool
	debug       bool
	userAgent   string
	player      string
	direct      bool
	gatePort    int
	download    time.Duration
	playerSet   bool   // --player was given, so it wins over the config
	mode        string // --mode
	allSources  bool   // add every config source to those given (check --all)

	cfg      *config.Config
	settings map[string]config.Source // config settings by source name
	secrets  []string                 // passwords found at run time, masked everywhere
	// secretsMu guards secrets once the screen runs: a password typed
	// there is added while the log masks from other goroutines.
	secretsMu sync.Mutex

	log      *slog.Logger // the --debug log; discards without --debug
	closeLog func()
	argv     []string // the arguments tuner was called with, for the log

	env env
}

// Execute runs tuner with os.Args and returns the process exit code.
func Execute() int {
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	return run(context.Background(), e, os.Args[1:])
}

func run(ctx context.Context, e env, args []string) int {
	g := &globals{env: e, settings: map[string]config.Source{}, log: slog.New(slog.DiscardHandler), closeLog: func() {}, argv: args}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithoutManpage(), // tuner's own, with its exit codes, keys and files
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			if !isQuiet(err) {
				fmt.Fprintln(w, "tuner: "+printableLines(g.mask(err.Error())))
			}
		}),
	)
	code := ExitOK
	if err != nil {
		code = exitCode(err)
		g.log.Debug("failed", "err", err)
	}
	g.log.Debug("exit", "code", code)
	g.closeLog()
	return code
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "tuner",
		Short: "Watch IPTV from a terminal without losing your connection slot",
		Long: `tuner browses IPTV playlists and provider accounts, plays channels through an
external player (mpv, VLC, ffplay or any command), and treats the provider's
connection slot as a lease it always gives back. When a provider refuses a
stream it tells you why and how to fix it.`,
		Example: `  # try it without an account: a simulated provider on 127.0.0.1
  tuner demo

  # browse a playlist file or URL
  tuner --playlist ~/iptv/list.m3u

  # an Xtream Codes account (password from TUNER_PASSWORD or a prompt)
  tuner --xtream http://provider.example:8080 --username alice`,
		Args: cobra.NoArgs,
		// Every command, not only the browser, writes the --debug log.
		PersistentPreRun: func(c *cobra.Command, _ []string) {
			g.playerSet = c.Flags().Changed("player")
			g.log, g.closeLog = g.logger()
			g.logStart(c)
		},
		RunE: func(c *cobra.Command, _ []string) error {
			return runBrowser(c.Context(), g)
		},
	}
	f := root.PersistentFlags()
	f.StringArrayVarP(&g.playlists, "playlist", "p", nil, "playlist file, http(s) URL, or - for standard input (repeatable)")
	f.StringVar(&g.xtream, "xtream", "", "Xtream Codes server URL, e.g. http://provider.example:8080")
	f.StringVarP(&g.username, "username", "u", "", "account username (with --xtream)")
	f.StringVar(&g.password, "password", "", "account password (visible to other users in ps: prefer TUNER_PASSWORD or the prompt)")
	f.BoolVar(&g.showSecrets, "show-secrets", false, "print passwords instead of *** (never needed for normal use)")
	f.BoolVar(&g.debug, "debug", false, "write a debug log (secrets masked) to $XDG_STATE_HOME/tuner/tuner.log")
	f.StringVar(&g.userAgent, "user-agent", "", "HTTP User-Agent for playlist and provider requests")
	f.StringVar(&g.player, "player", "mpv", "player command; the URL is appended or put at {url} (mpv, vlc, ffplay, or any command)")
	f.StringVar(&g.mode, "mode", "", "how the player shows video: window, terminal (mpv in this terminal), audio, server-display, remote (watch on your own computer through ssh -L) or direct (default: window; over SSH without a display, terminal with mpv, else audio)")
	f.BoolVar(&g.direct, "direct", false, "hand stream URLs straight to the player instead of through tuner's gate")
	f.DurationVar(&g.download, "download-timeout", remote.DefaultDeadline, "longest a playlist or provider download may take, however steadily the data trickles in")
	f.IntVar(&g.gatePort, "gate-port", 0, "port of tuner's stream gate on 127.0.0.1 (default: any free port); fix it to forward it with ssh -L")

	check, demo := newCheckCmd(g), newDemoCmd(g)
	root.AddCommand(newListCmd(g), demo, newStopCmd(g), newLeasesCmd(g))
	root.AddCommand(check)
	root.AddCommand(newConfigCmd(g))
	root.AddCommand(newEpgCmd(g))
	root.AddCommand(newManCmd())
	root.AddCommand(newRecordCmd(g), newRecordingsCmd(g), newRecorderCmd(g))
	registerCompletions(root, check, demo)
	return root
}

// logStart records the command and how it was called; the log's writer
// masks the password, whether it came with --password or in a URL.
func (g *globals) logStart(c *cobra.Command) {
	g.log.Debug("run", "command", c.CommandPath(), "argv", strings.Join(g.argv, " "), "version", g.userAgentOrDefault())
}

// mask hides every secret tuner knows of in s, unless --show-secrets.
func (g *globals) mask(s string) string {
	if g.showSecrets {
		return s
	}
	s = playlist.MaskURL(s)
	s = playlist.MaskSecret(s, g.password, g.env.getenv("TUNER_PASSWORD"))
	g.secretsMu.Lock()
	defer g.secretsMu.Unlock()
	return playlist.MaskSecret(s, g.secrets...)
}

// printableLines is s with each of its lines made Printable: an error can
// quote a name or a provider's answer.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = playlist.Printable(l)
	}
	return strings.Join(lines, "\n")
}

func versionString() string {
	if Version != "" {
		return Version
	}
	return "" // fang falls back to the module version from the build info
}

// signalContext cancels on SIGINT, SIGTERM and SIGHUP: a dropped SSH session
// sends SIGHUP, and it must take the same stop path as Ctrl-C.
func signalContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
