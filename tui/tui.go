package tui

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/playlist/search"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// Theme picks the colours.
type Theme int

// Themes. ThemeAuto starts dark and switches when the terminal answers the
// background-colour query; nothing waits for that answer.
const (
	ThemeAuto Theme = iota
	ThemeDark
	ThemeLight
)

// Options is everything the TUI is started with.
type Options struct {
	// Sources are loaded in the background, each in its own command, in
	// this order; progress shows in the status bar from the first frame.
	Sources []playlist.Source
	// Cached playlists are shown at once and replaced source by source (by
	// Playlist.Source == Source.Name()) as fresh copies arrive. Their
	// LoadedAt gives the age shown meanwhile.
	Cached []*playlist.Playlist
	// Controller plays channels. When nil, enter shows the channel's stream
	// URL, password masked, in the status bar.
	Controller session.Controller
	// Doctor explains refused streams and carries out the fixes the
	// refusal screens offer (session/doctor); nil explains from the
	// provider's answer alone.
	Doctor refusal.Doctor
	// Getenv reads the environment (SSH session, display, terminal
	// multiplexer for the clipboard); nil is os.Getenv.
	Getenv func(string) string
	// PlayerNote says, over SSH without a display, where the picture goes
	// with the player mode tuner chose; "" says the player runs here.
	PlayerNote string
	// Catalogues gives the movies and series catalogues, fetched when the
	// person first opens one; nil offers live TV alone.
	Catalogues playlist.Catalogues
	// Recorder records channels to files; nil offers no recording.
	Recorder Recorder
	// Scheduler keeps recordings for later; nil records only now.
	Scheduler Scheduler
	// Library lists, plays and deletes the recordings (the W key); nil
	// offers no catalogue.
	Library Library
	// RecordAfter is how long a recording of the programme on now goes on
	// past its end, for a late finish; 0 is 5 minutes.
	RecordAfter time.Duration
	// Positions is where movies and episodes were left, for resume and the
	// watched marks; nil remembers nothing.
	Positions session.Positions
	// Prefs keeps favourites and recents; nil keeps them in memory only.
	Prefs *prefs.Store
	// Guide loads the programme guide once the playlists have loaded; nil
	// shows none.
	Guide GuideLoader
	Theme Theme
	// Keys replace the default keys of the actions they name, on every
	// screen (common.Actions lists the names; [ui] keys in the config).
	// Run refuses keys that clash with one another or with a default key
	// they leave in place; CheckKeys says which.
	Keys map[string][]string
	// NewSearcher builds the filter's index; nil uses playlist/search,
	// folding the names in the background so the list shows before it is
	// searchable.
	NewSearcher func(names browser.Names) browser.Searcher
	Logger      *slog.Logger
	// SetPassword gives a source's account the password the person typed
	// after the provider refused the one it had, and reports whether the
	// source takes one (an M3U file does not); the source is then loaded
	// again. The caller sees that requests from then on, and masking, use
	// it. nil offers no way to type a password again.
	SetPassword func(source, password string) bool
	// Reveal, when set, is the URL a request for the channel sends, its
	// password put back: y copies it instead of the URL with the password
	// hidden. Set it only when the person asked to see secrets.
	Reveal func(ch playlist.Channel) string
	// Mask hides every secret tuner knows of in a text: the screens, the
	// status bar and the message saved for the provider pass through it
	// (the Logger is the caller's to mask). nil hides URL-shaped secrets
	// alone.
	Mask func(string) string
	// Now is the clock for ages shown in the status bar; nil is time.Now.
	Now func() time.Time
	// ProgramOptions are passed to tea.NewProgram by Run.
	ProgramOptions []tea.ProgramOption
}

func (o *Options) defaults() {
	if o.NewSearcher == nil {
		o.NewSearcher = func(names browser.Names) browser.Searcher { return search.StartOf(names) }
	}
	if o.Prefs == nil {
		o.Prefs = prefs.Memory()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
}

// Run shows the TUI until the person quits or ctx is cancelled. Whatever
// ends it (q, ctrl+c, ctx, SIGTERM, SIGINT), the Controller is closed before
// Run returns, so playback is stopped and the slot given back; calling Close
// again afterwards is safe. Cancelling ctx is how the caller ends it on
// SIGHUP.
func Run(ctx context.Context, opts Options) error {
	if err := CheckKeys(opts.Keys); err != nil {
		return err
	}
	m := newModel(ctx, opts)
	defer m.cancel()
	progOpts := append([]tea.ProgramOption{tea.WithContext(ctx)}, opts.ProgramOptions...)
	_, err := tea.NewProgram(m, progOpts...).Run()
	if opts.Controller != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeTimeout)
		defer cancel()
		if cerr := opts.Controller.Close(cctx); cerr != nil && err == nil {
			err = cerr
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
