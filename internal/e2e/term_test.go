package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// waitLimit bounds every wait for the screen or the simulator. It only guards
// against a hang; no test asserts how long the wait took.
const waitLimit = 20 * time.Second

var socketSeq atomic.Int64

// term is one tmux server with one pane running a command, at a fixed size.
// Every screen it captures is checked for the secret, which must never show.
type term struct {
	t      testing.TB
	socket string
	env    []string
	secret string
	last   string
}

// newTerm starts a tmux server of its own running argv in an 80x24 (or
// w x h) pane. The pane stays on screen after the command exits, so its last
// words can be read.
func newTerm(t testing.TB, env []string, w, h int, argv ...string) *term {
	t.Helper()
	dir := t.TempDir()
	conf := filepath.Join(dir, "tmux.conf")
	// No status line, so the pane is the whole w x h window; OSC 52 from
	// the program sets tmux's paste buffer, so a test can read the clipboard.
	cfg := "set -g status off\nset -g remain-on-exit on\nset -s set-clipboard on\n"
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := &term{
		t:      t,
		socket: fmt.Sprintf("tuner-e2e-%d-%d", os.Getpid(), socketSeq.Add(1)),
		env:    env,
	}
	// The environment reaches the pane through the server's own, not -e
	// arguments, so no secret in it shows in a process list.
	args := []string{"-f", conf, "new-session", "-d", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h),
		"exec " + shellJoin(argv)}
	tm.tmux(args...)
	t.Cleanup(func() { _ = tm.run("kill-server") })
	return tm
}

// close ends the tmux server and whatever still runs in it.
func (tm *term) close() { _ = tm.run("kill-server") }

func (tm *term) run(args ...string) error {
	cmd := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...)
	cmd.Env = append(os.Environ(), tm.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...)
	cmd.Env = append(os.Environ(), tm.env...)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		tm.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Escape, Tab, j, ...), one key each.
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	tm.tmux(append([]string{"send-keys", "-t", "0"}, keys...)...)
}

// typeText sends s literally, as typed.
func (tm *term) typeText(s string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", "0", "-l", s)
}

// screen captures the pane as plain text, one line per row.
func (tm *term) screen() string {
	tm.t.Helper()
	s := tm.tmux("capture-pane", "-p", "-t", "0")
	tm.last = s
	if tm.secret != "" && strings.Contains(s, tm.secret) {
		tm.t.Fatalf("the password shows on screen:\n%s", s)
	}
	return s
}

// waitFor polls the screen until ok holds, and fails the test with the last
// screen if it does not within waitLimit.
func (tm *term) waitFor(what string, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waiting for %s: screen is\n%s", what, s)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// waitText waits until every one of texts is on screen.
func (tm *term) waitText(texts ...string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q", texts), func(s string) bool {
		for _, x := range texts {
			if !strings.Contains(s, x) {
				return false
			}
		}
		return true
	})
}

// clipboard is what the program copied through OSC 52, "" if nothing.
func (tm *term) clipboard() string {
	tm.t.Helper()
	cmd := exec.Command("tmux", "-L", tm.socket, "show-buffer")
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// pid is the pane's process: tuner itself, as the pane execs it.
func (tm *term) pid() int {
	tm.t.Helper()
	out := strings.TrimSpace(tm.tmux("list-panes", "-F", "#{pane_pid}"))
	pid, err := strconv.Atoi(out)
	if err != nil {
		tm.t.Fatalf("pane pid %q: %v", out, err)
	}
	return pid
}

// dead reports whether the pane's command has exited.
func (tm *term) dead() bool {
	tm.t.Helper()
	return strings.TrimSpace(tm.tmux("list-panes", "-F", "#{pane_dead}")) == "1"
}

// waitExit waits until the pane's command has exited.
func (tm *term) waitExit(ctx context.Context) {
	tm.t.Helper()
	for !tm.dead() {
		select {
		case <-ctx.Done():
			tm.t.Fatalf("tuner did not exit: screen is\n%s", tm.screen())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// resize changes the window's size, as a terminal emulator would.
func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.tmux("resize-window", "-t", "0", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
}

// shellJoin quotes argv for the shell tmux runs the command with.
func shellJoin(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
