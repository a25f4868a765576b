package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Row is one fact of a report for a person: its name and its value on one
// line.
type Row struct{ Key, Value string }

// Rows lays out what the report knows, one row per fact, skipping what is
// unknown. A playlist naming many guides gets one row that counts them,
// or with verbose one row per guide. Values are not masked: the caller
// masks them with whatever secrets it knows.
func (r *Report) Rows(verbose bool) []Row {
	var rows []Row
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, Row{k, playlist.Printable(v)})
		}
	}
	add("server", r.Server)
	add("username", r.Username)
	add("reachable", yesNo(r.Reachable))
	if r.Auth != nil {
		add("credentials", map[bool]string{true: "accepted", false: "rejected"}[*r.Auth])
	}
	add("status", r.Status)
	if r.Type == TypeXtream && r.Auth != nil && *r.Auth {
		add("expires", expiresText(r))
	}
	add("connections", connectionsText(r.Connections))
	add("formats", strings.Join(r.AllowedFormats, ", "))
	add("time zone", timezoneText(r))
	if r.Channels != nil {
		add("playlist", fmt.Sprintf("%d channels in %d groups", *r.Channels, deref(r.Groups)))
	}
	guides := guideURLs(r.GuideURL)
	if verbose || len(guides) < 2 {
		for _, g := range guides {
			add("guide", g)
		}
	} else {
		add("guides", fmt.Sprintf("%d, the first %s (--verbose lists them all)", len(guides), guides[0]))
	}
	for _, p := range r.Probes {
		add("probe", probeText(p))
	}
	add("note", r.ProbeNote)
	if r.Requests > 0 {
		add("requests", strconv.Itoa(r.Requests))
	}
	return rows
}

// WriteJSON writes the report as one line of JSON, masked, with the runes
// encoding/json leaves raw and a terminal would obey escaped.
func (r *Report) WriteJSON(w io.Writer, mask func(string) string) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(playlist.EscapeJSON([]byte(mask(b.String()))))
	return err
}

// WriteText writes the report as plain text, masked: the source, its rows
// in two aligned columns, and the verdict.
func (r *Report) WriteText(w io.Writer, mask func(string) string, verbose bool) error {
	rows := r.Rows(verbose)
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

// Summary is the outcome of checking several sources, the first failure's,
// and one line naming those that failed. The line is "" when every source
// is OK, and when only one was checked: its verdict, already shown, says
// it all.
func Summary(rs []*Report) (Outcome, string) {
	worst := Worst(rs)
	if worst == OK || len(rs) == 1 {
		return worst, ""
	}
	var failed []string
	for _, r := range rs {
		if r.Outcome != OK {
			failed = append(failed, r.Source)
		}
	}
	return worst, fmt.Sprintf("%d of %d sources failed: %s", len(failed), len(rs), strings.Join(failed, ", "))
}

// guideURLs are the guides in GuideURL, which joins a playlist's with commas.
func guideURLs(joined string) []string {
	var out []string
	for _, u := range strings.Split(joined, ",") {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

func connectionsText(c *Connections) string {
	switch {
	case c == nil:
		return ""
	case c.Max > 0:
		return fmt.Sprintf("%d in use of %d allowed (%d free)", c.Active, c.Max, c.Free)
	}
	return fmt.Sprintf("%d in use, limit not given", c.Active)
}

func expiresText(r *Report) string {
	if r.ExpiresAt == nil {
		return "never (no expiry date)"
	}
	d := deref(r.DaysLeft)
	when := r.ExpiresAt.Format(time.DateOnly)
	switch {
	case d < 0:
		return fmt.Sprintf("%s (%d days ago)", when, -d)
	case d == 1:
		return when + " (1 day left)"
	}
	return fmt.Sprintf("%s (%d days left)", when, d)
}

func timezoneText(r *Report) string {
	tz := r.Timezone
	if r.ServerTime == nil {
		return tz
	}
	st := r.ServerTime.UTC().Format("2006-01-02 15:04 UTC")
	if loc, err := time.LoadLocation(r.Timezone); err == nil && r.Timezone != "" {
		st = r.ServerTime.In(loc).Format("2006-01-02 15:04 MST")
	}
	if tz == "" {
		return "server time " + st
	}
	return fmt.Sprintf("%s (server time %s)", tz, st)
}

func probeText(p Probe) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): ", p.Channel, p.Format)
	for i, v := range p.Variants {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %d kbit/s %s", orDash(v.Resolution), v.Bandwidth/1000, orDash(v.Codecs))
		if i == len(p.Variants)-1 {
			b.WriteString("; ")
		}
	}
	if !p.OK {
		b.WriteString(p.Error)
		return b.String()
	}
	if p.Format == FormatHLS {
		fmt.Fprintf(&b, "first segment %s, %.1f s of media, %s", size(p.Bytes), p.MediaSeconds, rate(p.BytesPerSecond))
		return b.String()
	}
	fmt.Fprintf(&b, "read %s in %.1f s, %s", size(p.Bytes), p.Seconds, rate(p.BytesPerSecond))
	return b.String()
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func rate(bytesPerSecond int64) string { return size(bytesPerSecond) + "/s" }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
