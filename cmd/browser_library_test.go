package cmd

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
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
	"github.com/tuner-iptv/tuner/session/schedule"
	"github.com/tuner-iptv/tuner/tui/library"
)

// libraryOnSim is a catalogue over a folder of its own, recording from the
// simulator through a Manager that plays nothing.
func libraryOnSim(t *testing.T) (browserLibrary, browserScheduler, playlist.Channel) {
	t.Helper()
	s := sim.New(sim.Config{MaxConnections: 1})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	store, err := lease.Open(filepath.Join(state, "tuner"))
	if err != nil {
		t.Fatal(err)
	}
	mgr, err := session.New(session.Options{RecordOnly: true, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mgr.Close(context.Background()) })
	rec := browserRecorder{ctx: context.Background(), mgr: mgr, dir: t.TempDir()}
	lib := browserLibrary{rec: rec, sched: schedule.Open(stateDir())}
	news := playlist.Channel{Name: "News", URL: s.StreamURL(3, "ts"), Source: "sim"}
	return lib, browserScheduler{mgr: mgr, after: 5 * time.Minute}, news
}

func listed(t *testing.T, lib browserLibrary) map[library.State][]library.Item {
	t.Helper()
	items, err := lib.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[library.State][]library.Item{}
	for _, it := range items {
		out[it.State] = append(out[it.State], it)
	}
	return out
}

func TestTheCatalogueListsDeletesAndCancels(t *testing.T) {
	lib, sch, news := libraryOnSim(t)
	ctx := context.Background()
	path, err := lib.rec.Record(ctx, news, time.Now().Add(time.Hour), "Late News")
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Hour)
	if _, err := sch.Schedule(ctx, news, later, later.Add(time.Hour), "Film"); err != nil {
		t.Fatal(err)
	}
	got := listed(t, lib)
	rec, planned := got[library.Recording], got[library.Scheduled]
	if len(rec) != 1 || rec[0].Path != path || !rec[0].Mine || rec[0].Title != "Late News" {
		t.Fatalf("recording %+v, want the one under way, to %s, made here", rec, path)
	}
	if len(planned) != 1 || planned[0].ID == "" || planned[0].Title != "Film" ||
		planned[0].Until.Sub(later.Add(time.Hour+5*time.Minute)).Abs() > time.Second {
		t.Fatalf("scheduled %+v, want the film with its id, to its padded end", planned)
	}
	if err := lib.Delete(ctx, rec[0]); err == nil || !strings.Contains(err.Error(), "still recording") {
		t.Errorf("Delete of the recording under way = %v, want it refused", err)
	}
	if err := lib.rec.StopRecording(ctx, news); err != nil {
		t.Fatal(err)
	}
	done := listed(t, lib)[library.Done]
	if len(done) != 1 || done[0].Mine || done[0].Bytes == 0 {
		t.Fatalf("done %+v, want the stopped recording with what it wrote", done)
	}
	if err := lib.Delete(ctx, done[0]); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, record.InfoPath(path)} {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there after the delete (%v)", f, err)
		}
	}
	if err := lib.Delete(ctx, planned[0]); err != nil {
		t.Fatal(err)
	}
	if left := listed(t, lib); len(left) != 0 {
		t.Errorf("after the delete and the cancel the catalogue holds %+v", left)
	}
}

func TestTheCatalogueTouchesNothingOutsideItsFolder(t *testing.T) {
	lib, _, _ := libraryOnSim(t)
	outside := filepath.Join(t.TempDir(), "keep.ts")
	if err := os.WriteFile(outside, []byte("not a recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{outside, filepath.Join(lib.rec.dir, "..", "keep.ts"), lib.rec.dir} {
		it := library.Item{State: library.Done, Channel: "x", Path: p, Bytes: 1}
		if err := lib.Delete(context.Background(), it); err == nil {
			t.Errorf("Delete(%s) = nil, want it refused", p)
		}
		if err := lib.Play(context.Background(), it); err == nil {
			t.Errorf("Play(%s) = nil, want it refused", p)
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("the file outside the folder: %v", err)
	}
}

func TestDueIsWhatTakesTheAccountsSlotSoon(t *testing.T) {
	_, sch, news := libraryOnSim(t)
	ctx := context.Background()
	soon := time.Now().Add(2 * time.Minute)
	if _, err := sch.Schedule(ctx, news, soon, soon.Add(30*time.Minute), "Match"); err != nil {
		t.Fatal(err)
	}
	other := playlist.Channel{Name: "Elsewhere", URL: "http://other.example:8080/live/u/p/1.ts", Source: "other"}
	for _, tc := range []struct {
		ch     playlist.Channel
		within time.Duration
		want   int
	}{{news, 3 * time.Minute, 1}, {news, time.Minute, 0}, {other, 3 * time.Minute, 0}} {
		due, err := sch.Due(tc.ch, tc.within)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != tc.want || tc.want == 1 && (due[0].Title != "Match" || due[0].State != library.Scheduled) {
			t.Errorf("Due(%s, %v) = %+v, want %d", tc.ch.Name, tc.within, due, tc.want)
		}
	}
}
