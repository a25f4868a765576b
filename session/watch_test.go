package session

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

// eventually waits for cond, failing with what after a generous time; it
// polls a file's size, for which there is no event to wait on.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return st.Size()
}

func TestWatchRecordingUsesTheRecordingsConnection(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	m.SetCredentials("sim", simCredentials(s))
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir(), Until: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	err = m.Play(context.Background(), keptChannel(t, s, 4))
	var taken *SlotTakenError
	if !errors.As(err, &taken) || taken.Recording != r {
		t.Fatalf("Play while recording = %v, want a *SlotTakenError carrying the recording", err)
	}
	if err := m.WatchRecording(context.Background(), taken.Recording); err != nil {
		t.Fatal(err)
	}
	if !m.Watching() {
		t.Error("Watching = false while the recording plays")
	}
	if st := m.Slots(); st.Held != 1 {
		t.Errorf("Slots while watching = %+v, want only the recording's slot held", st)
	}
	size := fileSize(r.Path())
	eventually(t, "the file to grow while watched", func() bool { return fileSize(r.Path()) > size })
	if err := m.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if m.Watching() || len(m.Recordings()) != 1 {
		t.Fatalf("after Stop: watching %v, %d recordings; want the watching over and the recording on", m.Watching(), len(m.Recordings()))
	}
	size = fileSize(r.Path())
	eventually(t, "the file to grow after the watching stopped", func() bool { return fileSize(r.Path()) > size })
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d, want 1: watching must not open a connection", s.Peak())
	}
	if act, _ := m.Store().Active(); len(act) != 1 || act[0].Kind != "recording" {
		t.Errorf("active leases = %+v, want the recording's alone", act)
	}
}

func TestPlayFileNeedsNoSlot(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	m.SetCredentials("sim", simCredentials(s))
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir(), Until: time.Now().Add(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	waitDone(t, r, 10*time.Second)
	simWait(t, s, 0)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		for e := range m.Events() {
			// The fake player quits at the end of the file, sooner than a
			// player is expected to: Failed says so as well as Stopped.
			if (e.State == Stopped || e.State == Failed) && e.Channel.Name == r.Channel().Name {
				return
			}
		}
	}()
	if err := m.PlayFile(context.Background(), r.Path()); err != nil {
		t.Fatal(err)
	}
	if st := m.Slots(); st.Held != 0 {
		t.Errorf("Slots while a finished file plays = %+v, want none held", st)
	}
	// The fake player reads the file to its end and quits: the playback
	// ends by itself once the file is read out.
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the playback of a finished file did not end with the file")
	}
	if m.playing() != nil {
		t.Error("still playing after the file ended")
	}
	if s.Peak() != 1 || s.Active() != 0 {
		t.Errorf("peak %d, active %d: want the recording's one connection and none for the file", s.Peak(), s.Active())
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("active leases = %+v, want none", act)
	}
}

// writeInfo writes the info beside path as a recorder would.
func writeInfo(t *testing.T, path string, in record.Info) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(record.InfoPath(path), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestPlayFileFollowsAFileAnotherRecorderWrites(t *testing.T) {
	m := newManager(t, Options{Player: fakePlayer(t)})
	path := filepath.Join(t.TempDir(), "News - 2026-12-02 20-00.ts")
	if err := os.WriteFile(path, make([]byte, 188*100), 0o600); err != nil {
		t.Fatal(err)
	}
	in := record.Info{State: record.Recording, Channel: "News", File: filepath.Base(path), Started: time.Now(), Recorder: lease.Self()}
	writeInfo(t, path, in)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		for e := range m.Events() {
			if (e.State == Stopped || e.State == Failed) && e.Channel.Name == "News" {
				return
			}
		}
	}()
	if err := m.PlayFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	// While its info says it records, the player waits at the file's end
	// for more rather than finishing.
	select {
	case <-ended:
		t.Fatal("the playback ended while the file was still being written")
	case <-time.After(2 * infoEvery):
	}
	in.State, in.Ended = record.Done, time.Now()
	writeInfo(t, path, in)
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the playback did not end once the recording was done")
	}
}
