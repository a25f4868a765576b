package config

import (
	"fmt"
	"strings"
	"time"
)

// record reads the [record] table over the defaults in def.
func (p *parser) record(f *fileData, def Record) Record {
	r := def
	if d, ok := p.padding("record.before", f.Record.Before); ok {
		r.Before = d
	}
	if d, ok := p.padding("record.after", f.Record.After); ok {
		r.After = d
	}
	if m, ok := p.remux(f.Record.Remux); ok {
		r.Remux = m
	}
	dir := p.str("record.dir", f.Record.Dir)
	switch {
	case f.Record.Dir.set && isString(f.Record.Dir) && strings.TrimSpace(dir) == "":
		p.fail("record.dir", "must not be empty; remove it for $XDG_DATA_HOME/tuner/recordings")
	case strings.Contains(dir, "://"):
		p.fail("record.dir", "must be a folder on this machine, not a URL")
	case dir != "":
		r.Dir = p.location("record.dir", dir)
	}
	return r
}

// remux reads what a finished recording becomes: "mkv", or "none" (or "")
// for the TS as recorded.
func (p *parser) remux(r raw) (string, bool) {
	s := p.str("record.remux", r)
	if !r.set || !isString(r) {
		return "", false
	}
	switch m := strings.ToLower(strings.TrimSpace(s)); m {
	case "", "none":
		return "", true
	case "mkv":
		return m, true
	}
	p.fail("record.remux", "%q is not known; \"mkv\" remuxes finished recordings with ffmpeg, \"none\" keeps the TS", s)
	return "", false
}

// padding reads a padding: a duration from 0 to two hours.
func (p *parser) padding(key string, r raw) (time.Duration, bool) {
	s := p.str(key, r)
	if !r.set || !isString(r) {
		return 0, false
	}
	d, err := parseDuration(strings.TrimSpace(s))
	switch {
	case err != nil:
		p.fail(key, "%q is not a duration (examples: \"0\", \"2m\", \"10m\")", s)
	case d < 0:
		p.fail(key, "must not be negative, got %s", s)
	case d > maxPadding:
		p.fail(key, "%s is too long; at most %s", s, fmtDuration(maxPadding))
	default:
		return d, true
	}
	return 0, false
}

// String is the padding as the config writes it, for messages.
func (r Record) String() string {
	return fmt.Sprintf("%s before, %s after", fmtDuration(r.Before), fmtDuration(r.After))
}
