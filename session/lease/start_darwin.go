package lease

import (
	"errors"

	"golang.org/x/sys/unix"
)

var errNoProcess = errors.New("no such process")

// sysStartTime is the process's start in microseconds since the epoch, as
// the kernel records it: with the pid, as strong an identity as /proc's.
func sysStartTime(pid int) (uint64, error) {
	k, err := unix.SysctlKinfoProc("kern.proc.pid", pid)
	if err != nil {
		return 0, err
	}
	if k.Proc.P_pid != int32(pid) {
		return 0, errNoProcess
	}
	tv := k.Proc.P_starttime
	return uint64(tv.Sec)*1e6 + uint64(tv.Usec), nil
}
