package player

import (
	"errors"
	"os/exec"
	"syscall"
)

// ErrClosed is the exit error of a player closed from outside tuner: by
// another tuner taking the slot over, by `tuner stop`, or by a kill. tuner's
// own stops never report an exit, so a player that ends on a signal to quit
// was closed by someone else.
var ErrClosed = errors.New("the player was closed by another tuner or `tuner stop`")

// closedOutside reports a player that ended on a signal to quit, or with
// quitStatus (the status a player gives after handling such a signal
// itself; 0 when it has none).
func closedOutside(err error, quitStatus int) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok {
		return false
	}
	if ws.Signaled() {
		switch ws.Signal() {
		case syscall.SIGTERM, syscall.SIGKILL, syscall.SIGINT, syscall.SIGHUP:
			return true
		}
		return false // a crash (SIGSEGV, SIGABRT) is a failure
	}
	return quitStatus != 0 && ws.ExitStatus() == quitStatus
}
