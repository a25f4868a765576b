package tui_test

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui"
)

// How the command line starts the browser: sources load in the background
// (a cached copy, when there is one, shows first), the controller plays, and
// a hang-up or termination cancels the context, which ends Run after the
// controller has been closed.
func ExampleRun() {
	var (
		sources []playlist.Source    // from flags and config
		cached  []*playlist.Playlist // from the playlist cache, may be nil
		ctrl    session.Controller   // nil until playback is wired: enter then shows the masked URL
	)
	store, err := prefs.Open(prefs.DefaultDir())
	if err != nil {
		fmt.Fprintln(os.Stderr, "tuner:", err)
		store = nil // favourites then last for this run only
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGHUP, syscall.SIGTERM)
	defer stop()
	err = tui.Run(ctx, tui.Options{
		Sources:    sources,
		Cached:     cached,
		Controller: ctrl,
		Prefs:      store,
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "tuner:", err)
	}
}
