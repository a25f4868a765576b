package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/record"
	"github.com/tuner-iptv/tuner/session/schedule"
	"github.com/tuner-iptv/tuner/tui/library"
)

// browserLibrary is the browser's Recordings catalogue: the recordings
// folder and the schedule, the files played through the browser's Manager.
type browserLibrary struct {
	rec   browserRecorder
	sched *schedule.Schedule
}

func (b browserLibrary) List(context.Context) ([]library.Item, error) {
	infos, err := record.List(b.rec.dir)
	if err != nil {
		return nil, err
	}
	entries, err := b.sched.List()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	byFile := map[string]schedule.Entry{}
	var items []library.Item
	for _, e := range entries {
		switch {
		case e.File != "":
			byFile[filepath.Clean(e.File)] = e
		case e.State == schedule.Scheduled || e.State == schedule.Failed:
			items = append(items, entryItem(e))
		}
	}
	for _, in := range infos {
		it := b.infoItem(in, now)
		if e, ok := byFile[filepath.Clean(in.MediaPath())]; ok && e.Active() {
			it.ID = e.ID // d then cancels it, and the recorder stops
		}
		items = append(items, it)
	}
	return items, nil
}

func entryItem(e schedule.Entry) library.Item {
	return library.Item{ID: e.ID, State: library.State(e.State), Channel: e.Channel, Title: e.Title,
		Start: e.From(), Until: e.To(), Length: e.To().Sub(e.From()), Note: e.Error}
}

func (b browserLibrary) infoItem(in record.Info, now time.Time) library.Item {
	row := rowOf(in, now)
	return library.Item{State: library.State(in.State), Channel: in.Channel, Title: in.Title,
		Start: in.Started, Until: in.Until, Length: time.Duration(row.Seconds) * time.Second, Bytes: row.Bytes,
		Gaps: len(in.Gaps), Note: cmp.Or(in.LastError, in.RemuxError), Path: in.MediaPath(), Mine: b.mine(in.MediaPath()) != nil}
}

// mine is this browser's recording into path, if it still runs.
func (b browserLibrary) mine(path string) *session.Recording {
	for _, r := range b.rec.live() {
		if filepath.Clean(r.Path()) == filepath.Clean(path) {
			return r
		}
	}
	return nil
}

// Play watches a recording of this browser's on the connection it holds,
// and plays any other file from the disk.
func (b browserLibrary) Play(ctx context.Context, it library.Item) error {
	if r := b.mine(it.Path); r != nil {
		return b.rec.mgr.WatchRecording(ctx, r)
	}
	if err := b.inFolder(it.Path); err != nil {
		return err
	}
	return b.rec.mgr.PlayFile(ctx, it.Path)
}

// Delete cancels an entry still to come or recording, and removes a
// finished recording's file, then its info: a failure leaves the info, so
// the catalogue still shows what is left.
func (b browserLibrary) Delete(_ context.Context, it library.Item) error {
	if it.Cancels() {
		_, err := b.sched.Cancel(it.ID)
		return err
	}
	if b.mine(it.Path) != nil {
		return errors.New("it is still recording: stop it first")
	}
	if err := b.inFolder(it.Path); err != nil {
		return err
	}
	if err := os.Remove(it.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.Remove(record.InfoPath(it.Path))
}

// inFolder refuses a path outside the recordings folder: the catalogue
// deletes and plays only what it listed from there.
func (b browserLibrary) inFolder(path string) error {
	rel, err := filepath.Rel(b.rec.dir, path)
	if err != nil || rel == "." || !filepath.IsLocal(rel) {
		return fmt.Errorf("%s: not in the recordings folder %s", path, b.rec.dir)
	}
	return nil
}
