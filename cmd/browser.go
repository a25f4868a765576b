package cmd

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
	"github.com/tuner-iptv/tuner/session/schedule"
	"github.com/tuner-iptv/tuner/tui"
)

// closeTimeout bounds the stop path on quit or a signal: player stopped,
// upstream closed, lease released.
const closeTimeout = 5 * time.Second

// runBrowser opens the channel browser on the sources and plays through a
// session Manager. Every way out (q, Ctrl-C, SIGTERM, SIGHUP) closes the
// Manager before tuner exits.
func runBrowser(ctx context.Context, g *globals) error {
	srcs, err := g.sources(ctx, nil)
	if err != nil {
		return err
	}
	g.learnSecrets(srcs)
	cfg, err := g.config()
	if err != nil {
		return err
	}
	log := g.log
	store, err := lease.Open(stateDir())
	if err != nil {
		return err
	}
	if err := recoverLeases(ctx, g, store); err != nil {
		return err
	}
	ps, err := playerSetup(g.player, g.playerSet, g.mode, cfg.Player, g.env.getenv)
	if err != nil {
		return err
	}
	if ps.Note != "" {
		fmt.Fprintln(g.env.stderr, "tuner: "+ps.Note)
	}
	// Where movies and episodes were left: the Manager keeps them on every
	// stop, the screens offer to resume from them.
	positions := prefs.OpenPositions(stateDir())
	mgr, err := g.newManager(ps, passwordEnvs(cfg), store, positions, log)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A signal stops playback first and only then ends the screen, so the slot
	// is given back even if the terminal is already gone (SIGHUP).
	stopSignals := session.OnSignals(mgr, closeTimeout, func(os.Signal) { cancel() })
	defer stopSignals()

	opts := g.browserOptions(srcs, cfg, mgr, store, log)
	opts.PlayerNote = ps.Note
	opts.Positions = positions
	recDir, err := g.recordDir("")
	if err != nil {
		return err
	}
	noteRecovered(g, recDir)
	rec := browserRecorder{ctx: ctx, mgr: mgr, dir: recDir, remux: cfg.Record.Remux}
	opts.Recorder = rec
	opts.Library = browserLibrary{rec: rec, sched: schedule.Open(stateDir())}
	opts.RecordAfter = cfg.Record.After
	opts.Scheduler = browserScheduler{g: g, mgr: mgr, before: cfg.Record.Before, after: cfg.Record.After}
	opts.Reveal = g.revealer(srcs)
	opts.SetPassword = g.passwordSetter(srcs, mgr)
	// The screens tell a headless SSH session by the environment the player
	// gets, so server-display is not taken for one.
	opts.Getenv = ps.Getenv(g.env.getenv)
	err = tui.Run(ctx, opts)
	if ctx.Err() != nil {
		return nil // ended by a signal, after the stop path ran
	}
	return err
}

// newManager makes the session Manager with the chosen player and tells it
// the connection limits the config sets.
func (g *globals) newManager(ps player.Setup, secretEnv []string, store *lease.Store, positions session.Positions, log *slog.Logger) (*session.Manager, error) {
	mgr, err := session.New(session.Options{
		Player: ps.Command,
		PlayerOptions: player.Options{
			Terminal:  ps.Terminal,
			Display:   player.DisplayIn(ps.Getenv(g.env.getenv)),
			Env:       ps.Env,
			SecretEnv: secretEnv,
		},
		Remote:    ps.Remote,
		Direct:    g.direct || ps.Direct,
		GatePort:  g.gatePort,
		Store:     store,
		Positions: positions,
		UserAgent: g.userAgentOrDefault(),
		Logger:    log,
		Explain:   explainRefusal,
	})
	if err != nil {
		return nil, err
	}
	g.limits().Tell(mgr)
	return mgr, nil
}

// catalogues offers the movies and series of the Xtream accounts among
// srcs, nil when there are none: an M3U list's own movies need no fetching.
func catalogues(srcs []playlist.Source) playlist.Catalogues {
	for _, s := range srcs {
		if _, ok := s.(*source.Xtream); ok {
			return source.NewCatalogues(srcs, source.CatalogueOptions{Cache: cache.New(cacheDir())})
		}
	}
	return nil
}

// browserOptions shows cached copies at once, refreshes every source into
// the cache, and passes the config's guides, contacts and theme on.
func (g *globals) browserOptions(srcs []playlist.Source, cfg *config.Config, mgr *session.Manager, store *lease.Store, log *slog.Logger) tui.Options {
	loader := &cache.Loader{Cache: cache.New(cacheDir())}
	limits := g.limits()
	var cached []*playlist.Playlist
	wrapped := make([]playlist.Source, len(srcs))
	tellCredentials(mgr, srcs)
	for i, s := range srcs {
		if res, ok := loader.Cached(s); ok {
			cached = append(cached, res.Playlist)
			limits.TellPlaylist(mgr, res.Playlist)
		}
		wrapped[i] = limits.Source(loader.Source(s), mgr)
	}
	pr, err := prefs.Open(stateDir())
	if err != nil {
		log.Warn("favourites unavailable", "err", err)
		pr = nil
	} else if w := pr.Warning(); w != "" {
		log.Warn(w)
	}
	var guides []string
	contacts := map[string]string{}
	for name, sc := range g.settings {
		if sc.Guide != "" {
			guides = append(guides, sc.Guide)
		}
		if sc.Contact != "" {
			contacts[name] = sc.Contact
		}
	}
	return tui.Options{
		Sources:    wrapped,
		Cached:     cached,
		Catalogues: catalogues(srcs),
		Controller: mgr,
		Doctor:     newDoctor(srcs, store, contacts, log),
		Guide:      g.guides(srcs, guides, cfg.EPG.Refresh),
		Prefs:      pr,
		Theme:      themeOf(cfg.UI.Theme),
		Keys:       cfg.UI.Keys,
		Logger:     log,
		Mask:       g.mask,
	}
}

// limits are the config's max_connections by source name.
func (g *globals) limits() session.Limits {
	l := session.Limits{}
	for name, sc := range g.settings {
		l[name] = sc.MaxConnections
	}
	return l
}

func themeOf(t config.Theme) tui.Theme {
	switch t {
	case config.ThemeDark:
		return tui.ThemeDark
	case config.ThemeLight:
		return tui.ThemeLight
	}
	return tui.ThemeAuto
}

// newDoctor explains refusals: it asks Xtream accounts about their slots
// (one player_api.php call, which uses no stream slot) and reads tuner's own
// lease history.
func newDoctor(srcs []playlist.Source, store *lease.Store, contacts map[string]string, log *slog.Logger) *doctor.Doctor {
	accounts := map[string]doctor.AccountInfo{}
	for name, c := range xtreamClients(srcs) {
		accounts[name] = doctor.Xtream(c)
	}
	return doctor.New(doctor.Options{Store: store, Accounts: accounts, Contacts: contacts, MessageDir: stateDir(), Logger: log})
}

// recoverLeases looks for slots a crashed or killed tuner left behind. A
// player that still runs is offered to be stopped; leases with nothing left
// running are marked recovered and the person is told the provider may still
// count the slot for a while.
func recoverLeases(ctx context.Context, g *globals, store *lease.Store) error {
	rec, err := session.Recover(ctx, store)
	if err != nil {
		return err
	}
	printNotes(g.env.stderr, termWidth(g.env.stderr), rec.Messages())
	if len(rec.Orphans) == 0 {
		return nil
	}
	if !g.confirm("Stop it now? [Y/n] ") {
		fmt.Fprintln(g.env.stderr, "tuner: left it running; `tuner stop` stops it later")
		return nil
	}
	sctx, cancel := context.WithTimeout(ctx, closeTimeout)
	defer cancel()
	if err := session.StopOrphans(sctx, store, rec.Orphans); err != nil {
		return err
	}
	fmt.Fprintln(g.env.stderr, "tuner: stopped; the slot is free")
	return nil
}

// confirm asks a yes/no question on the terminal; the default is yes. With no
// terminal it answers no, so a script never stops anything by surprise.
func (g *globals) confirm(question string) bool {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer tty.Close()
	fmt.Fprint(tty, question)
	var b [64]byte
	n, _ := tty.Read(b[:])
	ans := strings.ToLower(strings.TrimSpace(string(b[:n])))
	return ans == "" || ans == "y" || ans == "yes"
}

// logger writes to $XDG_STATE_HOME/tuner/tuner.log with --debug, and nowhere
// otherwise: nothing may reach the terminal while the screen is drawn.
func (g *globals) logger() (*slog.Logger, func()) {
	if !g.debug {
		return slog.New(slog.DiscardHandler), func() {}
	}
	if err := os.MkdirAll(stateDir(), 0o700); err != nil {
		return slog.New(slog.DiscardHandler), func() {}
	}
	f, err := atomicfile.OpenAppend(stateDir()+"/tuner.log", 0o600)
	if err != nil {
		return slog.New(slog.DiscardHandler), func() {}
	}
	h := slog.NewTextHandler(&maskingWriter{w: f, mask: g.mask}, &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(h), func() { f.Close() }
}

// maskingWriter masks secrets in every log line, whatever logged it.
type maskingWriter struct {
	w    *os.File
	mask func(string) string
}

func (m *maskingWriter) Write(p []byte) (int, error) {
	if _, err := m.w.WriteString(m.mask(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// passwordEnvs names the variables the config reads passwords from, which
// no player may inherit.
func passwordEnvs(cfg *config.Config) []string {
	var names []string
	for _, s := range cfg.Sources {
		if s.PasswordEnv != "" {
			names = append(names, s.PasswordEnv)
		}
	}
	return names
}
