package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/session/check"
)

// vodCounts is how many movies and series an account lists, asked once its
// check accepted the credentials: one request for each list, at the pace.
type vodCounts struct {
	Movies *int   `json:"movies,omitempty"`
	Series *int   `json:"series,omitempty"`
	Error  string `json:"catalogue_error,omitempty"`
}

// countVOD counts src's catalogues when src is an account whose check
// listed its channels; nil otherwise.
func countVOD(ctx context.Context, src playlist.Source, r *check.Report, pace time.Duration) *vodCounts {
	x, ok := src.(*source.Xtream)
	// An account that is refused, or whose channels were not listed (it
	// is expired, banned, or the panel failed), would not list these either.
	if !ok || r.Type != check.TypeXtream || r.Auth == nil || !*r.Auth || r.Channels == nil || ctx.Err() != nil {
		return nil
	}
	cl := x.Client()
	var v vodCounts
	asks := []struct {
		n    **int
		list func() (int, error)
	}{
		{&v.Movies, func() (int, error) { m, err := cl.Movies(ctx, "", nil); return len(m), err }},
		{&v.Series, func() (int, error) { s, err := cl.Series(ctx, "", nil); return len(s), err }},
	}
	for _, a := range asks {
		if err := pause(ctx, pace); err != nil {
			break
		}
		n, err := a.list()
		r.Requests++
		if err != nil && !noCatalogue(err) {
			v.Error = err.Error()
			break
		}
		*a.n = &n
	}
	return &v
}

// noCatalogue is the 404 of a panel without the list: it lists none.
func noCatalogue(err error) bool {
	var pe *playlist.Error
	return errors.As(err, &pe) && pe.Status == http.StatusNotFound
}

func pause(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// rows are the report's rows with the counts after the playlist's.
func (v *vodCounts) rows(rows []check.Row) []check.Row {
	if v == nil {
		return rows
	}
	var add []check.Row
	if v.Movies != nil {
		add = append(add, check.Row{Key: "movies", Value: strconv.Itoa(*v.Movies)})
	}
	if v.Series != nil {
		add = append(add, check.Row{Key: "series", Value: strconv.Itoa(*v.Series)})
	}
	if v.Error != "" {
		add = append(add, check.Row{Key: "catalogues", Value: playlist.Printable(v.Error)})
	}
	at := slices.IndexFunc(rows, func(r check.Row) bool { return r.Key == "playlist" }) + 1
	if at == 0 {
		at = len(rows)
	}
	return slices.Insert(rows, at, add...)
}

// writeJSON is Report.WriteJSON with the counts added to the object.
func (v *vodCounts) writeJSON(w io.Writer, r *check.Report, mask func(string) string) error {
	if v == nil {
		return r.WriteJSON(w, mask)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		*check.Report
		*vodCounts
	}{r, v}); err != nil {
		return err
	}
	_, err := w.Write(playlist.EscapeJSON([]byte(mask(b.String()))))
	return err
}

// writeText is Report.WriteText with the counts among the rows.
func (v *vodCounts) writeText(w io.Writer, r *check.Report, mask func(string) string, verbose bool) error {
	if v == nil {
		return r.WriteText(w, mask, verbose)
	}
	rows := v.rows(r.Rows(verbose))
	var b strings.Builder
	b.WriteString(mask(playlist.Printable(r.Source)) + "\n")
	width := 0
	for _, row := range rows {
		width = max(width, len(row.Key))
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, row.Key, mask(row.Value))
	}
	b.WriteString(mask(playlist.Printable(r.Verdict)) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}
