package cmd

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/session/schedule"
)

// backgroundOut is where a background recorder's own output goes, kept
// so that one that fails at once can say why.
const backgroundOut = "recorder.out"

// startBackground starts this binary's recorder in a session and process
// group of its own, so closing the terminal or the TUI leaves it running,
// and waits until it holds the recorder's lock. It returns the pid.
func startBackground(g *globals, o recorderOptions) (int, error) {
	if pid, ok := schedule.RecorderRunning(stateDir()); ok {
		return pid, &schedule.RunningError{PID: pid}
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	outPath := filepath.Join(stateDir(), backgroundOut)
	if err := os.MkdirAll(stateDir(), 0o700); err != nil {
		return 0, err
	}
	out, err := os.OpenFile(outPath, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	cmd := exec.Command(exe, backgroundArgs(g, o)...)
	cmd.Args[0] = os.Args[0] // the name it was called by, which a multi-call binary reads
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return waitLocked(cmd.Process.Pid, exited, outPath)
}

// waitLocked waits until the recorder pid holds the lock, or says why it
// stopped first.
func waitLocked(pid int, exited <-chan error, outPath string) (int, error) {
	deadline := time.After(30 * time.Second) // it loads the sources first
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			return 0, fmt.Errorf("the recorder stopped at once (%v): %s", err, lastLines(outPath, 3))
		case <-deadline:
			return pid, errors.New("the recorder started but has not taken its lock yet; see " + outPath)
		case <-tick.C:
			if got, ok := schedule.RecorderRunning(stateDir()); ok && got == pid {
				return pid, nil
			}
		}
	}
}

// backgroundArgs are the recorder's arguments: the same sources and
// settings, never a password (the environment and the config carry it).
func backgroundArgs(g *globals, o recorderOptions) []string {
	args := []string{"recorder", "--poll", o.poll.String()}
	if o.dir != "" {
		args = append(args, "--dir", o.dir)
	}
	for _, p := range g.playlists {
		args = append(args, "--playlist", p)
	}
	if g.xtream != "" {
		args = append(args, "--xtream", g.xtream, "--username", g.username)
	}
	if g.userAgent != "" {
		args = append(args, "--user-agent", g.userAgent)
	}
	if g.debug {
		args = append(args, "--debug")
	}
	return args
}

func lastLines(path string, n int) string {
	b, err := atomicfile.ReadRegular(path, 1<<20)
	if err != nil {
		return "no output"
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
