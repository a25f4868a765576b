package player

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/term"

	"github.com/tuner-iptv/tuner/internal/tailbuf"
	"github.com/tuner-iptv/tuner/session/lease"
)

// Terminal is the terminal a foreground player draws in and reads its keys
// from, handed over by whoever owned it (the TUI) for one playback.
type Terminal struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// Attacher is a player that runs in the foreground of a terminal; Attach
// hands it the terminal for the next Play.
type Attacher interface {
	Attach(t Terminal)
}

// ErrNoTerminal is returned by a terminal player's Play when no terminal was
// handed over: drawing on a terminal someone else owns would garble both.
var ErrNoTerminal = errors.New("terminal mode: no terminal was handed over to the player")

// attached runs mpv in the foreground of a terminal, one process per
// channel, drawing the video as text (--vo=tct). The person quits it with q
// like any mpv; the keys reach mpv, not tuner.
type attached struct {
	path string
	args []string
	opts Options

	mu     sync.Mutex
	term   Terminal
	proc   *process
	gen    int
	events chan Event
}

func newAttached(path string, args []string, opts Options) *attached {
	return &attached{path: path, args: args, opts: opts, events: make(chan Event, 32)}
}

func (a *attached) Name() string         { return "mpv" }
func (a *attached) Events() <-chan Event { return a.events }

func (a *attached) Attach(t Terminal) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.term = t
}

func (a *attached) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	running := a.proc != nil && a.proc.running()
	return Status{Playing: running, Idle: !running}
}

func (a *attached) Process() lease.Proc {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.proc == nil || !a.proc.running() {
		return lease.Proc{}
	}
	return a.proc.proc
}

func (a *attached) Gen() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.gen
}

// argv keeps the person's arguments and adds text video unless they chose
// an output themselves. No --no-terminal: the terminal is mpv's now.
func (a *attached) argv(url, title string) []string {
	args := slices.Clone(a.args)
	if !hasFlag(args, "--vo") {
		args = append(args, "--vo=tct")
	}
	if title != "" {
		args = append(args, "--force-media-title="+title)
	}
	return append(args, "--idle=no", "--keep-open=no", "--", url)
}

// Play starts mpv on the attached terminal and returns once it runs; the
// terminal is used once and must be attached again for the next Play.
func (a *attached) Play(ctx context.Context, url, title string) error {
	if err := a.Stop(ctx); err != nil {
		return err
	}
	a.mu.Lock()
	t := a.term
	a.term = Terminal{}
	a.mu.Unlock()
	if t.In == nil || t.Out == nil {
		return ErrNoTerminal
	}
	p, err := startOnTerminal(a.path, a.argv(url, title), a.opts.Env, a.opts.SecretEnv, t)
	if err != nil {
		return fmt.Errorf("mpv: %w", err)
	}
	a.mu.Lock()
	a.gen++
	a.proc = p
	gen := a.gen
	a.mu.Unlock()
	a.emit(Event{Kind: Started, Gen: gen})
	go func() {
		<-p.exited
		var err error
		if p.err != nil && !quitOnPurpose(p.err) {
			err = fmt.Errorf("mpv exited: %w", p.err)
		}
		a.emit(Event{Kind: Exited, Gen: gen, Err: err})
	}()
	return nil
}

// mpvInterrupted is mpv's exit status after Ctrl-C or a signal.
const mpvInterrupted = 4

// quitOnPurpose tells a player that was stopped (by tuner's signal, or by
// the person's Ctrl-C) from one that failed.
func quitOnPurpose(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && (ws.Signaled() || ws.ExitStatus() == mpvInterrupted)
}

func (a *attached) Stop(ctx context.Context) error {
	a.mu.Lock()
	p := a.proc
	a.mu.Unlock()
	if p != nil {
		p.stop(ctx, a.opts.StopTimeout)
	}
	return nil
}

func (a *attached) Close(ctx context.Context) error { return a.Stop(ctx) }

func (a *attached) emit(e Event) {
	select {
	case a.events <- e:
	default:
	}
}

// startOnTerminal runs the player in its own process group. When the
// terminal is a real one, that group becomes its foreground, so Ctrl-C and
// the keys go to the player alone, and tuner's group takes the foreground
// back once the player has exited, before anyone is told it did.
func startOnTerminal(path string, args, env, secretEnv []string, t Terminal) (*process, error) {
	cmd := command(path, args, env, secretEnv)
	cmd.Stdout, cmd.Stderr = t.Out, t.Err
	if t.Err == nil {
		cmd.Stderr = t.Out
	}
	// Output that is not a file is copied until the player's end; do not
	// wait long for a helper it left behind holding it.
	cmd.WaitDelay = time.Second
	attr := &syscall.SysProcAttr{Setpgid: true}
	cmd.SysProcAttr = attr
	var after func()
	if fd, ok := ttyFd(t.In); ok {
		cmd.Stdin = t.In
		attr.Foreground, attr.Ctty = true, fd
		after = func() { takeForeground(fd) }
	} else {
		in, done, err := pipeFrom(t.In)
		if err != nil {
			return nil, err
		}
		defer in.Close()
		cmd.Stdin, after = in, done
	}
	return start(cmd, tailbuf.New(1), after)
}

// pipeFrom feeds a reader that is not a file to the player through a pipe
// of tuner's own. exec would wait for its copy to notice the player's end,
// which only happens at the reader's next read; done lets the copy go.
func pipeFrom(r io.Reader) (*os.File, func(), error) {
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	go func() {
		io.Copy(pw, r)
		pw.Close()
	}()
	return pr, func() { pw.Close() }, nil
}

func ttyFd(r io.Reader) (int, bool) {
	f, ok := r.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// takeForeground makes tuner's process group the terminal's foreground
// again. A background group may do that only while ignoring SIGTTOU.
func takeForeground(fd int) {
	signal.Ignore(syscall.SIGTTOU)
	defer signal.Reset(syscall.SIGTTOU)
	pgrp := int32(syscall.Getpgrp())
	syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), uintptr(syscall.TIOCSPGRP), uintptr(unsafe.Pointer(&pgrp)))
}
