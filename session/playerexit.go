package session

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/session/player"
)

// quickExit is how soon after the start a player that ends on its own is
// taken to have failed, whatever its exit status: a live channel does not
// end, and a player that cannot open its sound or video output often quits
// at once, some with status 0.
const quickExit = 10 * time.Second

// PlayerError is a player that ended on its own, at once or with an error:
// its own last word and what to try on this machine. Its text is for the
// status bar.
type PlayerError struct {
	Player string
	After  time.Duration // how long it had played
	Output string        // its last line of output, masked; may be ""
	Advice string
	Err    error // the player's report; nil when it exited with status 0
}

func (e *PlayerError) Error() string {
	said := e.Output
	if said == "" && e.Err != nil {
		said = e.Err.Error()
	}
	if said == "" {
		said = "it said nothing"
	}
	return fmt.Sprintf("%s stopped after %d s: %s — %s", e.Player, int(e.After/time.Second), strings.TrimRight(said, ". "), e.Advice)
}

func (e *PlayerError) Unwrap() error { return e.Err }

// playerGone is the error a player's own end reports: a *PlayerError when
// it ended at once or with an error, nil when it ended cleanly after
// playing a while (the person closed its window), and the player's error as
// it is when it was closed from outside.
func (pb *playback) playerGone(e player.Event) error {
	if errors.Is(e.Err, player.ErrClosed) {
		return e.Err
	}
	after := time.Since(pb.started)
	// In the terminal the person quits the player with its own keys: a clean
	// exit there is theirs, however soon.
	if e.Err == nil && (after >= quickExit || pb.m.opts.PlayerOptions.Terminal) {
		return nil
	}
	advice := pb.m.advice()
	if pb.note != "" {
		advice = "a web page plays only in a player that reads it itself, such as mpv with yt-dlp installed"
	}
	return &PlayerError{Player: pb.m.player.Name(), After: after.Truncate(time.Second), Output: e.Output,
		Advice: advice, Err: e.Err}
}

// advice is player.Advice for the environment the player runs in.
func (m *Manager) advice() string {
	setup := player.Setup{Env: m.opts.PlayerOptions.Env}
	return player.Advice(setup.Getenv(os.Getenv), func(p string) bool { _, err := os.Stat(p); return err == nil })
}
