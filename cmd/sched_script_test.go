package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
	"github.com/tuner-iptv/tuner/session/schedule"
)

// cmdSched checks the schedule from a script; each subcommand is about the
// latest entry (by padded start):
//
//	sched wait STATE TIMEOUT   waits until it is in STATE
//	sched began WITHIN         its recording began within WITHIN of its padded start
//	sched valid                its file is a TS the info calls done, its size the info's
//	sched kill TERM|HUP        sends the signal to the recorder (by its pid file)
//	sched id VAR               sets VAR to its id
//	sched gone TIMEOUT         waits until no recorder holds the lock
//	sched playing CHANNEL      another tuner here plays CHANNEL on the simulator's
//	                           account: a lease with a live tuner and player (sleep)
//	sched stopped              that player has been stopped
func cmdSched(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: sched wait STATE TIMEOUT | began WITHIN | valid")
	}
	switch {
	case args[0] == "wait" && len(args) == 3:
		schedWait(ts, schedule.State(args[1]), duration(ts, args[2]))
	case args[0] == "began" && len(args) == 2:
		e := lastEntry(ts)
		in := entryInfo(ts, e)
		if late := in.Started.Sub(e.From()); late < -100*time.Millisecond || late > duration(ts, args[1]) {
			ts.Fatalf("began %s after its padded start %s, want within %s", late, e.From().Format("15:04:05.000"), args[1])
		}
		ts.Logf("began %s after its padded start", in.Started.Sub(e.From()))
	case args[0] == "valid" && len(args) == 1:
		schedValid(ts, entryInfo(ts, lastEntry(ts)))
	case args[0] == "gone" && len(args) == 2:
		schedGone(ts, duration(ts, args[1]))
	case args[0] == "playing" && len(args) == 2:
		schedPlaying(ts, args[1])
	case args[0] == "stopped" && len(args) == 1:
		schedStopped(ts)
	case args[0] == "id" && len(args) == 2:
		ts.Setenv(args[1], lastEntry(ts).ID)
	case args[0] == "kill" && len(args) == 2:
		schedKill(ts, args[1])
	default:
		ts.Fatalf("sched: unknown %v", args)
	}
}

func duration(ts *testscript.TestScript, s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		ts.Fatalf("%v", err)
	}
	return d
}

func scriptSchedule(ts *testscript.TestScript) *schedule.Schedule {
	return schedule.Open(filepath.Join(ts.Getenv("XDG_STATE_HOME"), "tuner"))
}

func lastEntry(ts *testscript.TestScript) schedule.Entry {
	all, err := scriptSchedule(ts).List()
	if err != nil || len(all) == 0 {
		ts.Fatalf("no schedule entry (%v)", err)
	}
	return all[len(all)-1]
}

// schedWait polls the file: the recorder is another process, and the file
// is all the two share.
func schedWait(ts *testscript.TestScript, want schedule.State, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for {
		e := lastEntry(ts)
		if e.State == want {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("entry %s is %s after %s, want %s (%s)", e.ID, e.State, timeout, want, e.Error)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func entryInfo(ts *testscript.TestScript, e schedule.Entry) record.Info {
	if e.File == "" {
		ts.Fatalf("entry %s (%s) has no file", e.ID, e.State)
	}
	in, err := record.ReadInfo(record.InfoPath(e.File))
	if err != nil {
		ts.Fatalf("%v", err)
	}
	return in
}

func schedValid(ts *testscript.TestScript, in record.Info) {
	b, err := os.ReadFile(in.MediaPath())
	if err != nil {
		ts.Fatalf("%v", err)
	}
	switch {
	case in.State != record.Done:
		ts.Fatalf("info says %s (%s), want done", in.State, in.LastError)
	case len(b) < 188 || b[0] != 0x47 || !bytes.Contains(b[188:], []byte{0x47}):
		ts.Fatalf("%s: %d bytes, not a TS", in.MediaPath(), len(b))
	case int64(len(b)) != in.Bytes:
		ts.Fatalf("%s: %d bytes, the info says %d", in.MediaPath(), len(b), in.Bytes)
	}
}

// schedKill signals the recorder: testscript's own kill knows only INT
// and KILL, and a service manager sends TERM.
func schedKill(ts *testscript.TestScript, name string) {
	sig := map[string]syscall.Signal{"TERM": syscall.SIGTERM, "HUP": syscall.SIGHUP}[name]
	pid, ok := schedule.RecorderRunning(filepath.Join(ts.Getenv("XDG_STATE_HOME"), "tuner"))
	if sig == 0 || !ok || pid <= 0 {
		ts.Fatalf("sched kill %s: no recorder runs (pid %d)", name, pid)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		ts.Fatalf("%v", err)
	}
}

func schedGone(ts *testscript.TestScript, timeout time.Duration) {
	dir := filepath.Join(ts.Getenv("XDG_STATE_HOME"), "tuner")
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		pid, ok := schedule.RecorderRunning(dir)
		if !ok {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("the recorder (pid %d) still runs after %s", pid, timeout)
		}
	}
}

// schedPlaying stands in for a tuner playing on this machine: two sleeps,
// the player in a process group of its own as tuner starts players.
func schedPlaying(ts *testscript.TestScript, channel string) {
	// Each is waited for by one goroutine, at once, so a stopped one is
	// reaped and "stopped" sees it gone; the script's end kills what is left.
	start := func(pgid bool) *exec.Cmd {
		c := exec.Command("sleep", "300")
		c.SysProcAttr = &syscall.SysProcAttr{Setpgid: pgid}
		if err := c.Start(); err != nil {
			ts.Fatalf("%v", err)
		}
		reaped := make(chan struct{})
		go func() { c.Wait(); close(reaped) }()
		ts.Defer(func() { c.Process.Kill(); <-reaped })
		return c
	}
	tuner, player := start(false), start(true)
	tp, err1 := lease.ProcOf(tuner.Process.Pid)
	pp, err2 := lease.ProcOf(player.Process.Pid)
	if err1 != nil || err2 != nil {
		ts.Fatalf("%v %v", err1, err2)
	}
	store, err := lease.Open(filepath.Join(ts.Getenv("XDG_STATE_HOME"), "tuner"))
	if err != nil {
		ts.Fatalf("%v", err)
	}
	_, err = store.Acquire(lease.Lease{Provider: ts.Getenv("SIM_HOST"), Username: ts.Getenv("SIM_USER"),
		Channel: channel, Tuner: tp, Player: pp, PlayerName: "mpv"})
	if err != nil {
		ts.Fatalf("%v", err)
	}
	ts.Setenv("PLAYER_PID", strconv.Itoa(pp.PID))
}

// schedStopped waits (up to 5 s) for the player to be gone: the recorder
// stops it, and it is reaped once it has exited.
func schedStopped(ts *testscript.TestScript) {
	pid, _ := strconv.Atoi(ts.Getenv("PLAYER_PID"))
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		p, err := lease.ProcOf(pid)
		if err != nil || !p.Alive() {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("the player (pid %d) still runs", pid)
		}
	}
}
