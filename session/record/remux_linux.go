package record

import (
	"os/exec"
	"runtime"
	"syscall"
)

// runTied runs cmd so that it is killed when tuner dies: an ffmpeg left
// running would fill a file nobody renames. The parent-death signal comes
// when the thread that started it ends, so that thread is held until the
// command is done.
func runTied(cmd *exec.Cmd) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Run()
}
