package lease

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Proc names a process so that a reused pid is never mistaken for it: the pid
// together with its start time (clock ticks after boot, /proc/PID/stat field
// 22) and the boot it belongs to.
type Proc struct {
	PID   int    `json:"pid"`
	Start uint64 `json:"start,omitempty"`
	Boot  string `json:"boot,omitempty"`
}

// IsZero reports whether p names no process.
func (p Proc) IsZero() bool { return p.PID <= 0 }

// Self is this process.
func Self() Proc {
	p, err := ProcOf(os.Getpid())
	if err != nil {
		return Proc{PID: os.Getpid(), Boot: bootID()}
	}
	return p
}

// ProcOf reads the identity of a running process.
func ProcOf(pid int) (Proc, error) {
	if pid <= 0 {
		return Proc{}, fmt.Errorf("pid %d: not a process", pid)
	}
	start, err := startTime(pid)
	if errors.Is(err, os.ErrNotExist) && !hasProcFS() {
		// No /proc: the system's own record of the start, where it has one.
		start, err = sysStartTime(pid)
		if errors.Is(err, errNoStartTime) && signalable(pid) {
			return Proc{PID: pid}, nil // only the pid can be checked
		}
	}
	if err != nil {
		return Proc{}, err
	}
	return Proc{PID: pid, Start: start, Boot: bootID()}, nil
}

// Alive reports whether the very process p names still runs: same pid, same
// start time, same boot. A p without a start time is taken on its pid alone;
// see Identified before signalling it.
func (p Proc) Alive() bool {
	if p.IsZero() {
		return false
	}
	if p.Boot != "" && p.Boot != bootID() {
		return false
	}
	now, err := ProcOf(p.PID)
	if err != nil {
		return false
	}
	if p.Start != 0 && now.Start != p.Start {
		return false // the pid was reused
	}
	return !zombie(p.PID)
}

// Identified reports whether p runs and is known to be the process it names
// by more than its pid: its recorded start time matches. Only such a process
// may be signalled; a bare pid may long since belong to something else.
func (p Proc) Identified() bool {
	return p.Start != 0 && p.Alive()
}

// PIDInUse reports whether some running process, p or another, has p's pid.
func (p Proc) PIDInUse() bool {
	return Proc{PID: p.PID}.Alive()
}

// Describe says what runs now under p's pid, for a message about a process
// tuner leaves alone.
func (p Proc) Describe() string {
	now, err := ProcOf(p.PID)
	switch {
	case err != nil || zombie(p.PID):
		return fmt.Sprintf("no process runs as pid %d", p.PID)
	case p.Start == 0:
		return fmt.Sprintf("pid %d runs, but no start time was recorded to tell whether it is that process", p.PID)
	case now.Start == 0:
		return fmt.Sprintf("pid %d runs, but this system gives no start time to compare", p.PID)
	case now.Start != p.Start || (p.Boot != "" && p.Boot != bootID()):
		return fmt.Sprintf("pid %d belongs to another process now (it started later)", p.PID)
	}
	return fmt.Sprintf("pid %d is the process recorded", p.PID)
}

// startTime parses field 22 of /proc/PID/stat. The command name (field 2) may
// hold spaces and parentheses, so fields are counted after its last ')'.
func startTime(pid int) (uint64, error) {
	fields, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	// fields[0] is field 3 (state), so field 22 is fields[19].
	if len(fields) < 20 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	return strconv.ParseUint(fields[19], 10, 64)
}

func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	return strings.Fields(string(b[i+1:])), nil
}

// zombie reports a process that has exited but was not yet reaped: it holds
// no sockets and no slot any more.
func zombie(pid int) bool {
	f, err := statFields(pid)
	return err == nil && len(f) > 0 && (f[0] == "Z" || f[0] == "X")
}

var errNoStartTime = errors.New("no start time on this system")

func hasProcFS() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}

func signalable(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// bootID names the current boot, so a pid and start time recorded before a
// reboot never match a process after it.
var bootID = sync.OnceValue(func() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
})
