package cmd

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/schedule"
)

type recorderOptions struct {
	unit       bool
	background bool
	dir        string
	poll       time.Duration
}

func newRecorderCmd(g *globals) *cobra.Command {
	var o recorderOptions
	c := &cobra.Command{
		Use:   "recorder",
		Short: "Record what the schedule holds, in the foreground (tmux, or a service)",
		Long: `Watch the schedule (tuner record --at, or R in the TUI) and record each entry
from its padded start to its padded stop, on the account's own slot, into
$XDG_DATA_HOME/tuner/recordings (or [record] dir, or --dir). It runs until
Ctrl-C, SIGTERM or SIGHUP, which stop what records cleanly: the file is
synced, the connection hung up, the lease given back; an entry whose time
lasts goes back to scheduled, so the next recorder goes on with it. Only one
recorder runs at a time; it logs to $XDG_STATE_HOME/tuner/tuner.log.

A service has no terminal to ask for a password: give it in the config
(password, password_env or the keyring). --unit prints a systemd user unit
and how to enable it; --background starts one that outlives the terminal.`,
		Example: `  tuner recorder
  tuner recorder --unit > ~/.config/systemd/user/tuner-recorder.service`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if o.unit {
				return printUnit(g)
			}
			if o.background {
				pid, err := startBackground(g, o)
				if err != nil {
					return err
				}
				fmt.Fprintf(g.env.stdout, "tuner recorder runs in the background (pid %d), logging to %s\n", pid, filepath.Join(stateDir(), "tuner.log"))
				return nil
			}
			return runRecorder(c.Context(), g, o)
		},
	}
	f := c.Flags()
	f.BoolVar(&o.unit, "unit", false, "print a systemd user unit that runs the recorder, and how to enable it")
	f.BoolVar(&o.background, "background", false, "start it in the background, in a session of its own, and return once it runs")
	f.StringVar(&o.dir, "dir", "", "folder for the recordings (default [record] dir, else $XDG_DATA_HOME/tuner/recordings)")
	f.DurationVar(&o.poll, "poll", 2*time.Second, "how often the schedule is read again")
	return c
}

func runRecorder(ctx context.Context, g *globals, o recorderOptions) error {
	dir, err := g.recordDir(o.dir)
	if err != nil {
		return err
	}
	// A recorder without sources stops before it takes the lock, so one
	// started in the background is never taken for one that runs.
	if _, err := g.sources(ctx, nil); err != nil {
		return err
	}
	lock, err := schedule.LockRecorder(stateDir())
	if err != nil {
		return err
	}
	defer lock.Unlock()
	log, closeLog := g.recorderLogger()
	defer closeLog()
	g.log = log // the Manager and the loads log there too
	ctx, cancel := signalContext(ctx)
	defer cancel()
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
	defer closeManager(mgr)
	f := &channelFinder{g: g, mgr: mgr}
	if err := f.load(ctx); err != nil {
		if exitCode(err) == ExitUsage {
			return err
		}
		log.Warn("sources not loaded; trying again when a recording is due", "err", err)
	}
	sched := schedule.Open(stateDir())
	remux, err := g.recordRemux()
	if err != nil {
		return err
	}
	r := &schedule.Runner{Schedule: sched, Start: recorderStarter(g, mgr, f, session.RecordRequest{Dir: dir, Remux: remux}), Poll: o.poll, Log: log}
	log.Info("recorder started", "schedule", sched.Path(), "dir", dir, "pid", os.Getpid())
	err = r.Run(ctx)
	log.Info("recorder stopped")
	return err
}

func closeManager(mgr *session.Manager) {
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	mgr.Close(ctx)
}

// recorderStarter records an entry's channel through mgr until its padded
// stop, into req's folder, remuxed as req says.
func recorderStarter(g *globals, mgr *session.Manager, f *channelFinder, req session.RecordRequest) schedule.Starter {
	return func(ctx context.Context, e schedule.Entry) (schedule.Running, error) {
		ch, err := f.find(ctx, e)
		if err != nil {
			return nil, err
		}
		req := req
		req.Until, req.Title = e.To(), e.Title
		r, err := recordTakingSlot(ctx, mgr, ch, e, req, g.log)
		if err != nil {
			return nil, fmt.Errorf("%s", g.mask(recordRefused(err).Error()))
		}
		return r, nil
	}
}

// recordDir is --dir, else the config's [record] dir, else the default.
func (g *globals) recordDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	cfg, err := g.config()
	if err != nil {
		return "", err
	}
	if cfg.Record.Dir != "" {
		return cfg.Record.Dir, nil
	}
	return recordingsDir(), nil
}

// recordRemux is the config's [record] remux: "mkv", or "" for none.
func (g *globals) recordRemux() (string, error) {
	cfg, err := g.config()
	if err != nil {
		return "", err
	}
	return cfg.Record.Remux, nil
}

// recorderLogger writes what the recorder does to the state folder's log
// and to standard error, secrets masked: it runs unattended, so the log is
// what a person reads the next morning.
func (g *globals) recorderLogger() (*slog.Logger, func()) {
	level := slog.LevelInfo
	if g.debug {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	term := slog.NewTextHandler(maskWriter{g.env.stderr, g.mask}, opts)
	f, err := atomicfile.OpenAppend(filepath.Join(stateDir(), "tuner.log"), 0o600)
	if err != nil {
		return slog.New(term), func() {}
	}
	file := slog.NewTextHandler(maskWriter{f, g.mask}, opts)
	return slog.New(slog.NewMultiHandler(term, file)), func() { f.Close() }
}

type maskWriter struct {
	w    io.Writer
	mask func(string) string
}

func (m maskWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(m.w, m.mask(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
