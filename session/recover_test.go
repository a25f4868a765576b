package session

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
)

// unrelated starts a process tuner did not start as a player and reports
// whether it still runs.
func unrelated(t *testing.T) (*exec.Cmd, func() bool) {
	t.Helper()
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	return cmd, func() bool {
		select {
		case <-exited:
			return false
		case <-time.After(200 * time.Millisecond):
			return true
		}
	}
}

func TestStopLeavesAnUnrelatedProcessAlone(t *testing.T) {
	for _, tc := range []struct {
		name  string
		proc  func(p lease.Proc) lease.Proc
		found string
	}{
		{"no start time", func(p lease.Proc) lease.Proc { return lease.Proc{PID: p.PID} }, "no start time was recorded"},
		{"another start time", func(p lease.Proc) lease.Proc { p.Start++; return p }, "belongs to another process"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := tempStore(t)
			cmd, runs := unrelated(t)
			p, err := lease.ProcOf(cmd.Process.Pid)
			if err != nil {
				t.Fatal(err)
			}
			l, err := store.Acquire(lease.Lease{Provider: "p.example", Channel: "ITV", Tuner: deadProc(t), Player: tc.proc(p)})
			if err != nil {
				t.Fatal(err)
			}
			stopped, err := StopAll(context.Background(), store)
			if !runs() {
				t.Fatal("tuner stop killed a process its lease could not show to be the player")
			}
			if len(stopped) != 0 {
				t.Errorf("stopped = %+v, want none", stopped)
			}
			var np *player.NotPlayerError
			if tc.found != "" && (!errors.As(err, &np) || !strings.Contains(err.Error(), tc.found)) {
				t.Errorf("err = %v, want it to say %q", err, tc.found)
			}
			if act, _ := store.Active(); len(act) != 0 {
				t.Errorf("the stale lease %s is still held: %+v", l.ID, act)
			}
		})
	}
}

func TestStopStopsAnIdentifiedPlayer(t *testing.T) {
	store := tempStore(t)
	cmd, runs := unrelated(t)
	p, err := lease.ProcOf(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	store.Acquire(lease.Lease{Provider: "p.example", Channel: "ITV", Tuner: deadProc(t), Player: p})
	stopped, err := StopAll(context.Background(), store)
	if err != nil || len(stopped) != 1 {
		t.Fatalf("StopAll = %+v, %v", stopped, err)
	}
	if runs() {
		t.Error("the player the lease names survived tuner stop")
	}
}
