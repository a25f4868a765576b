package session

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Closer is anything that stops playback and gives the slot back.
type Closer interface {
	Close(ctx context.Context) error
}

// StopSignals are the signals that end tuner through the same path as the
// quit key: SIGINT, SIGTERM, and SIGHUP for an SSH link that drops.
var StopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// OnSignals closes c (player stopped, upstream closed, lease released) when
// one of StopSignals arrives, giving it at most timeout, then calls then with
// the signal (typically to quit the TUI and exit). The returned stop undoes
// the handler. Wire it in cmd right after the Manager is made:
//
//	stop := session.OnSignals(m, 5*time.Second, func(os.Signal) { program.Quit() })
//	defer stop()
func OnSignals(c Closer, timeout time.Duration, then func(os.Signal)) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, StopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			c.Close(ctx)
			cancel()
			if then != nil {
				then(sig)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		select {
		case <-done:
		default:
			close(done)
		}
	}
}
