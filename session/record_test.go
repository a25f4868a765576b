package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

// recordingManager records only: no player is needed.
func recordingManager(t *testing.T, s *sim.Server, opts Options) *Manager {
	t.Helper()
	opts.RecordOnly = true
	m := newManager(t, opts)
	m.SetCredentials("sim", simCredentials(s))
	return m
}

func waitDone(t *testing.T, r *Recording, within time.Duration) {
	t.Helper()
	select {
	case <-r.Done():
	case <-time.After(within):
		t.Fatalf("the recording did not end within %s: %+v", within, r.Info())
	}
}

// noPassword fails when any file under dir holds the password.
func noPassword(t *testing.T, pass string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err == nil && strings.Contains(string(b), pass) {
				t.Errorf("%s holds the password", filepath.Base(p))
			}
			return err
		})
	}
}

func TestRecordUntilWritesTheFileAndGivesTheSlotBack(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := recordingManager(t, s, Options{})
	dir := t.TempDir()
	until := time.Now().Add(2 * time.Second)
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Until: until, Dir: dir, Title: "Late / News"})
	if err != nil {
		t.Fatal(err)
	}
	if act, _ := m.Store().Active(); len(act) != 1 || act[0].Kind != "recording" || !act[0].Until.Equal(until) {
		t.Fatalf("active leases while recording = %+v, want one of kind recording until %s", act, until)
	}
	waitDone(t, r, 10*time.Second)
	in, err := record.ReadInfo(r.Info().Path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(r.Path())
	if err != nil {
		t.Fatal(err)
	}
	if in.State != record.Done || in.Bytes == 0 || in.Bytes != st.Size() || len(in.Gaps) != 0 {
		t.Errorf("info = %+v (file %d bytes), want done with every byte counted and no gap", in, st.Size())
	}
	if !strings.Contains(filepath.Base(r.Path()), "Late - News") {
		t.Errorf("file %q: want the title in its name, its slash replaced", filepath.Base(r.Path()))
	}
	rec, _ := m.Store().Recent()
	if act, _ := m.Store().Active(); len(act) != 0 || len(rec) != 1 || rec[0].How != lease.Clean {
		t.Errorf("after the end: active %+v, recent %+v; want the lease released clean", act, rec)
	}
	simWait(t, s, 0)
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d connections, want 1", s.Peak())
	}
	noPassword(t, credsPass, dir, m.Store().Dir())
}

func TestRecordIsRefusedWhilePlaybackHoldsTheOnlySlot(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	m.SetCredentials("sim", simCredentials(s))
	if err := m.Play(context.Background(), keptChannel(t, s, 3)); err != nil {
		t.Fatal(err)
	}
	_, err := m.Record(context.Background(), keptChannel(t, s, 4), RecordRequest{Dir: t.TempDir()})
	var taken *SlotTakenError
	if !errors.As(err, &taken) || !taken.Recorded || !strings.Contains(err.Error(), keptChannel(t, s, 3).Name) {
		t.Fatalf("Record while playing = %v, want a *SlotTakenError naming what plays", err)
	}
	if s.Peak() != 1 || m.playing() == nil {
		t.Errorf("peak %d, playing %v: want the playback untouched on its one connection", s.Peak(), m.playing() != nil)
	}
}

func TestPlayIsRefusedWhileARecordingHoldsTheOnlySlot(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	m.SetCredentials("sim", simCredentials(s))
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir(), Until: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	err = m.Play(context.Background(), keptChannel(t, s, 4))
	var taken *SlotTakenError
	if !errors.As(err, &taken) || taken.Recording != r || !strings.Contains(err.Error(), "recording "+r.Channel().Name+" until ") {
		t.Fatalf("Play while recording = %v, want a *SlotTakenError naming the recording and its end", err)
	}
	if st := m.Slots(); st.Held != 1 || !strings.HasPrefix(st.Channel, "recording ") {
		t.Errorf("Slots = %+v, want the recording's slot held", st)
	}
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.Ended():
	default:
		t.Fatal("Close returned with the recording still under way")
	}
	waitDone(t, r, 5*time.Second) // no remux asked: the file is final at once
	if in := r.Info(); in.State != record.Done {
		t.Errorf("after Close: %+v, want done", in)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("after Close: active leases %+v", act)
	}
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d, want 1", s.Peak())
	}
}

func TestRecordJoinsHLSSegmentsAndEndsWithItsContext(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := recordingManager(t, s, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := m.Record(ctx, hlsChannel(t, s, 5), RecordRequest{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	// Two segments or more: the first load and at least one reload.
	var sizes []int64
	deadline := time.Now().Add(20 * time.Second)
	for len(sizes) < 2 && time.Now().Before(deadline) {
		if n := r.Info().Bytes; n > 0 && (len(sizes) == 0 || n > sizes[len(sizes)-1]) {
			sizes = append(sizes, n)
		}
		select {
		case <-r.Done():
			t.Fatalf("ended early: %+v", r.Info())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	waitDone(t, r, 5*time.Second)
	if in := r.Info(); in.State != record.Done || len(sizes) < 2 {
		t.Fatalf("info = %+v, sizes seen %v: want done after two segments or more", in, sizes)
	}
	b, err := os.ReadFile(r.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(b)%188 != 0 || b[0] != 0x47 {
		t.Errorf("file of %d bytes starting %#x: want whole TS packets", len(b), b[0])
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("active leases after the end: %+v", act)
	}
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d, want 1", s.Peak())
	}
}

func hlsChannel(t *testing.T, s *sim.Server, id int) playlist.Channel {
	ch := keptChannel(t, s, id)
	ch.URL = strings.TrimSuffix(ch.URL, ".ts") + ".m3u8"
	return ch
}

func TestCloseCallsOffARecordingStillOpening(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass, Faults: sim.Faults{FirstByteDelay: 20 * time.Second}})
	m := recordingManager(t, s, Options{})
	dir := t.TempDir()
	errc := make(chan error, 1)
	go func() {
		_, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: dir})
		errc <- err
	}()
	simWait(t, s, 1)
	start := time.Now()
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err == nil {
		t.Fatal("Record succeeded after Close")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %s: it waited for the provider instead of calling the start off", d)
	}
	if act, _ := m.Store().Active(); len(act) != 0 {
		t.Errorf("active leases after Close: %+v", act)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a recording that never started left %d files", len(ents))
	}
	simWait(t, s, 0)
}
