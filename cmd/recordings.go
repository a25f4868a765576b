package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/record"
)

func newRecordingsCmd(g *globals) *cobra.Command {
	var asJSON bool
	var dir, cancelID string
	c := &cobra.Command{
		Use:   "recordings",
		Short: "List the recordings: scheduled, recording, done, partial or failed, with size and duration",
		Long: `List the recordings in $XDG_DATA_HOME/tuner/recordings (or --dir), oldest
first, from the info file beside each: its state (recording, done, partial
when it ended early but plays as far as it got, failed when nothing was
written), channel, start, duration and size. A recording a crash left
behind is marked partial first. Then the schedule's entries still to come
(scheduled, from their padded start, with their id) and those that never
recorded (failed: missed, or refused; cancelled). --json prints one object
per line.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if cancelID != "" {
				return g.cancelScheduled(cancelID)
			}
			folder, err := g.recordDir(dir)
			if err != nil {
				return err
			}
			noteRecovered(g, folder)
			all, err := record.List(folder)
			if err != nil {
				return err
			}
			now := time.Now()
			rows := make([]recordingRow, len(all))
			for i, in := range all {
				rows[i] = rowOf(in, now)
			}
			rows, err = g.withScheduled(rows)
			if err != nil {
				return err
			}
			if asJSON {
				return writeRecordingsJSON(jsonWriter{g.env.stdout}, rows)
			}
			return writeRecordingsText(textWriter{g.env.stdout}, rows)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON lines: state, channel, title, started, until, ended, seconds, bytes, gaps, last_error, remux_error, path")
	c.Flags().StringVar(&cancelID, "cancel", "", "cancel the scheduled recording with this id (the recorder stops it if it records)")
	c.Flags().StringVar(&dir, "dir", "", "folder of the recordings (default $XDG_DATA_HOME/tuner/recordings)")
	return c
}

// recordingRow is one recording as `tuner recordings` shows it.
type recordingRow struct {
	ID         string       `json:"id,omitempty"` // a schedule entry's
	State      record.State `json:"state"`
	Channel    string       `json:"channel"`
	Title      string       `json:"title,omitempty"`
	Started    time.Time    `json:"started"`
	Until      time.Time    `json:"until,omitzero"`
	Ended      time.Time    `json:"ended,omitzero"`
	Seconds    int64        `json:"seconds"`
	Bytes      int64        `json:"bytes"`
	Gaps       int          `json:"gaps"`
	LastError  string       `json:"last_error,omitempty"`
	RemuxError string       `json:"remux_error,omitempty"`
	Path       string       `json:"path,omitempty"`
}

// rowOf reads the size from the file itself: while it records, the info
// file's count lags by a few seconds.
func rowOf(in record.Info, now time.Time) recordingRow {
	size := in.Bytes
	if st, err := os.Stat(in.MediaPath()); err == nil && st.Size() > size {
		size = st.Size()
	}
	return recordingRow{State: in.State, Channel: in.Channel, Title: in.Title, Started: in.Started, Until: in.Until,
		Ended: in.Ended, Seconds: int64(in.Duration(now).Round(time.Second) / time.Second), Bytes: size, Gaps: len(in.Gaps),
		LastError: in.LastError, RemuxError: in.RemuxError, Path: in.MediaPath()}
}

func writeRecordingsJSON(w io.Writer, rows []recordingRow) error {
	enc := json.NewEncoder(w)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

func writeRecordingsText(w io.Writer, rows []recordingRow) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "no recordings yet: tuner record CHANNEL --for 1h makes one")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tCHANNEL\tSTARTED\tDURATION\tSIZE\tFILE")
	for _, r := range rows {
		size, file := playlist.Size(r.Bytes), r.Path
		if r.ID != "" {
			size, file = "-", "id "+r.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.State, r.Channel, r.Started.Local().Format("2006-01-02 15:04"),
			(time.Duration(r.Seconds) * time.Second).String(), size, file)
	}
	return tw.Flush()
}
