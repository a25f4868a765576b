package player

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"

	"github.com/tuner-iptv/tuner/session/lease"
)

// goneTuner names a process that ran and exited.
func goneTuner(t *testing.T) lease.Proc {
	t.Helper()
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p, err := lease.ProcOf(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return p
}

// leftIdle starts mpv as tuner does, then makes its folder look like one a
// killed tuner left: the owner file names tuner as it was written.
func leftIdle(t *testing.T, tuner lease.Proc) (lease.Proc, string) {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	p, err := New(filepath.Join(fakeBin(t, "mpv"), "mpv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Play(context.Background(), "http://127.0.0.1:1/s/x/0/media.ts", "A"); err != nil {
		t.Fatal(err)
	}
	proc := p.Process()
	dirs, _ := filepath.Glob(filepath.Join(tmp, socketDirPattern))
	if len(dirs) != 1 || proc.IsZero() {
		t.Fatalf("mpv folders %v, process %+v", dirs, proc)
	}
	if err := writeOwner(dirs[0], owner{Tuner: tuner, Player: proc}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close(context.Background()) })
	return proc, tmp
}

func TestStopStraysQuitsAnIdleMPVWhoseTunerIsGone(t *testing.T) {
	proc, tmp := leftIdle(t, goneTuner(t))
	stopped, err := StopStrays(context.Background(), tmp, 5*time.Second)
	if err != nil || len(stopped) != 1 || stopped[0] != proc {
		t.Fatalf("StopStrays = %+v, %v; want the idle mpv %+v", stopped, err, proc)
	}
	testutil.Eventually(t, "the idle mpv to quit", func() bool { return !proc.Alive() })
	if dirs, _ := filepath.Glob(filepath.Join(tmp, socketDirPattern)); len(dirs) != 0 {
		t.Errorf("its folder is left: %v", dirs)
	}
}

func TestStopStraysLeavesARunningTunersPlayer(t *testing.T) {
	proc, tmp := leftIdle(t, lease.Self())
	stopped, err := StopStrays(context.Background(), tmp, 5*time.Second)
	if err != nil || len(stopped) != 0 || !proc.Alive() {
		t.Fatalf("StopStrays = %+v, %v, player alive %v; a running tuner's player is its own", stopped, err, proc.Alive())
	}
}
