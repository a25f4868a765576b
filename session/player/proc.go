package player

import (
	"context"
	"errors"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/tuner-iptv/tuner/internal/tailbuf"
	"github.com/tuner-iptv/tuner/session/lease"
)

// process is a started player program in its own process group, so stopping
// it also stops whatever it started (a wrapper script's child, a helper).
type process struct {
	cmd    *exec.Cmd
	proc   lease.Proc
	exited chan struct{}
	err    error // set before exited closes
	out    *tailbuf.Buffer
}

func startProcess(path string, args, env, secretEnv []string) (*process, error) {
	cmd := command(path, args, env, secretEnv)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := tailbuf.New(4096)
	cmd.Stdout, cmd.Stderr = out, out
	return start(cmd, out, nil)
}

// command is the player's command with env on top of tuner's own
// environment, so that a mode's setting (DISPLAY for server-display) reaches
// the player alone.
// command starts from tuner's environment less its secrets, then adds env
// (the mode's own, such as DISPLAY for server-display).
func command(path string, args, env, secretEnv []string) *exec.Cmd {
	cmd := exec.Command(path, args...)
	cmd.Env = append(playerEnv(secretEnv), env...)
	return cmd
}

// start runs cmd and watches it; after, if set, runs once it has exited and
// before anyone waiting on exited is told.
func start(cmd *exec.Cmd, out *tailbuf.Buffer, after func()) (*process, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, exited: make(chan struct{}), out: out}
	p.proc, _ = lease.ProcOf(cmd.Process.Pid)
	if p.proc.IsZero() {
		p.proc = lease.Proc{PID: cmd.Process.Pid}
	}
	go func() {
		p.err = cmd.Wait()
		if after != nil {
			after()
		}
		close(p.exited)
	}()
	return p, nil
}

func (p *process) running() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// stop asks the process group to end with SIGTERM and kills it when it has
// not gone within grace (or when ctx ends first). It reports whether a kill
// was needed.
func (p *process) stop(ctx context.Context, grace time.Duration) (killed bool) {
	if !p.running() {
		return false
	}
	signalGroup(p.proc.PID, syscall.SIGTERM)
	return p.waitOrKill(ctx, grace)
}

// waitOrKill waits for the process to exit on its own and kills its group when
// it does not.
func (p *process) waitOrKill(ctx context.Context, grace time.Duration) (killed bool) {
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.exited:
		return false
	case <-t.C:
	case <-ctx.Done():
	}
	signalGroup(p.proc.PID, syscall.SIGKILL)
	<-p.exited
	return true
}

func signalGroup(pid int, sig syscall.Signal) {
	if pid <= 0 {
		return
	}
	if err := syscall.Kill(-pid, sig); errors.Is(err, syscall.ESRCH) {
		syscall.Kill(pid, sig)
	}
}

// KillGroup stops a player process that tuner started in an earlier run
// (found through its lease): SIGTERM to its group, then SIGKILL after grace.
// Only a process whose start time matches the lease is signalled: a pid
// alone may belong to anything by now. A live pid that cannot be shown to
// be the player is left alone and reported as a *NotPlayerError.
func KillGroup(ctx context.Context, p lease.Proc, grace time.Duration) (killed bool, err error) {
	if !p.Identified() {
		if !p.PIDInUse() {
			return false, nil // gone: nothing to stop
		}
		return false, &NotPlayerError{Proc: p, Found: p.Describe()}
	}
	signalGroup(p.PID, syscall.SIGTERM)
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	deadline := time.After(grace)
	for p.Alive() {
		select {
		case <-t.C:
		case <-deadline:
			signalGroup(p.PID, syscall.SIGKILL)
			return true, nil
		case <-ctx.Done():
			signalGroup(p.PID, syscall.SIGKILL)
			return true, ctx.Err()
		}
	}
	return false, nil
}

// NotPlayerError says a lease names a live pid that tuner cannot tell is
// its player, and which it therefore did not signal.
type NotPlayerError struct {
	Proc  lease.Proc
	Found string // what runs under the pid, in words
}

func (e *NotPlayerError) Error() string {
	return "left pid " + strconv.Itoa(e.Proc.PID) + " alone: " + e.Found
}
