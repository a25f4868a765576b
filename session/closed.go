package session

import (
	"errors"

	"github.com/tuner-iptv/tuner/session/player"
)

// ErrPlayerClosed is the Err of a Stopped event whose player was closed from
// outside tuner: another tuner took the slot over, or `tuner stop` ran.
var ErrPlayerClosed = player.ErrClosed

// closedOutside tells a player closed from outside tuner for the stop it
// is: nothing failed, and the lease was released as for any stop. The
// event keeps the error, so a screen can tell this stop from the person's.
func closedOutside(e Event) Event {
	if e.State == Failed && errors.Is(e.Err, ErrPlayerClosed) {
		e.State = Stopped
		e.Message = "stopped: " + ErrPlayerClosed.Error()
	}
	return e
}
