package catchup

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// window is the programme a replay URL asks for, and when it is asked.
type window struct {
	start, stop, now time.Time
	zone             *time.Location // where formatted times are written; nil is UTC
}

func (w window) in(t time.Time) time.Time {
	if w.zone == nil {
		return t.UTC()
	}
	return t.In(w.zone)
}

var errTemplate = errors.New("the catch-up template asks for a programme id tuner does not have")

// replayURL builds the replay URL of a channel at raw for the programme.
func replayURL(raw string, spec Spec, w window) (string, error) {
	w.start, w.stop, w.now = w.start.Add(spec.Shift), w.stop.Add(spec.Shift), w.now.Add(spec.Shift)
	mode := spec.Mode
	if mode == ModeDefault && (strings.HasPrefix(spec.Source, "?") || strings.HasPrefix(spec.Source, "&")) {
		mode = ModeAppend // a query is no whole URL, whatever the mode says
	}
	switch mode {
	case ModeDefault, ModeVOD:
		return expand(spec.Source, w)
	case ModeAppend:
		return expand(appendQuery(raw, spec.Source), w)
	case ModeShift:
		return expand(appendQuery(raw, "?utc={utc}&lutc={lutc}"), w)
	case ModeXC:
		return xtreamURL(raw, w)
	case ModeFlussonic:
		if u, err := xtreamURL(raw, w); err == nil {
			return u, nil // a panel's own URL form: Flussonic serves it as Xtream does
		}
		return flussonicURL(raw, w)
	}
	return "", ErrNoArchive
}

// appendQuery adds a query template to a URL: its leading ? becomes & when
// the URL has a query already, and a bare one gets a ?.
func appendQuery(raw, q string) string {
	if q == "" {
		return raw
	}
	has := strings.Contains(raw, "?")
	switch {
	case has && q[0] == '?':
		q = "&" + q[1:]
	case !has && q[0] == '&':
		q = "?" + q[1:]
	}
	return raw + q
}

// placeholder matches {name}, {name:arg} and ${name}, ${name:arg}.
var placeholder = regexp.MustCompile(`\$?\{([a-z-]+|[YmdHMS])(?::([^}]*))?\}`)

// expand fills a catch-up template.
func expand(tmpl string, w window) (string, error) {
	if tmpl == "" {
		return "", ErrNoArchive
	}
	var err error
	out := placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		v, ok := value(sub[1], sub[2], strings.Contains(m, ":"), w)
		if !ok {
			if sub[1] == "catchup-id" {
				err = errTemplate
			}
			return m // not one of ours: left as the provider wrote it
		}
		return v
	})
	return out, err
}

// value is one placeholder's text; ok is false for a name it does not know.
func value(name, arg string, hasArg bool, w window) (string, bool) {
	dur := w.stop.Sub(w.start)
	switch name {
	case "utc", "start":
		return stamp(w.start, arg, hasArg, w), true
	case "utcend", "end":
		return stamp(w.stop, arg, hasArg, w), true
	case "lutc", "now", "timestamp":
		return stamp(w.now, arg, hasArg, w), true
	case "duration":
		return per(dur, arg), true
	case "offset":
		return per(w.now.Sub(w.start), arg), true
	case "Y", "m", "d", "H", "M", "S":
		return layout(w.in(w.start), name), true
	}
	return "", false
}

// stamp is t as Unix seconds, or written by a format such as YmdHM.
func stamp(t time.Time, format string, hasFormat bool, w window) string {
	if !hasFormat {
		return strconv.FormatInt(t.Unix(), 10)
	}
	var b strings.Builder
	for _, r := range format {
		if s := layout(w.in(t), string(r)); s != "" {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// layout is one of Y, m, d, H, M, S of t; "" for any other letter.
func layout(t time.Time, f string) string {
	switch f {
	case "Y":
		return fmt.Sprintf("%04d", t.Year())
	case "m":
		return fmt.Sprintf("%02d", int(t.Month()))
	case "d":
		return fmt.Sprintf("%02d", t.Day())
	case "H":
		return fmt.Sprintf("%02d", t.Hour())
	case "M":
		return fmt.Sprintf("%02d", t.Minute())
	case "S":
		return fmt.Sprintf("%02d", t.Second())
	}
	return ""
}

// per is d in seconds, divided by the divisor when one is given.
func per(d time.Duration, div string) string {
	s := int64(d / time.Second)
	if n, err := strconv.ParseInt(div, 10, 64); err == nil && n >= 1 {
		s /= n
	}
	return strconv.FormatInt(s, 10)
}

// xtreamPath matches a panel's stream URL: [/live]/USER/PASS/ID[.EXT].
var xtreamPath = regexp.MustCompile(`^(/live)?/([^/]+)/([^/]+)/(\d+)(\.[a-z0-9]+)?$`)

// xtreamURL is Xtream's replay form, /timeshift/USER/PASS/MINUTES/START/ID.EXT,
// its start written in the provider's time zone: a panel reads it in its
// own, and another zone replays the wrong hour.
func xtreamURL(raw string, w window) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", ErrNoArchive
	}
	m := xtreamPath.FindStringSubmatch(u.EscapedPath())
	if m == nil {
		return "", ErrNoArchive
	}
	ext := ".ts"
	if m[5] == ".m3u8" {
		ext = ".m3u8"
	}
	mins := int64((w.stop.Sub(w.start) + time.Minute - 1) / time.Minute)
	start := w.in(w.start).Format("2006-01-02:15-04")
	// The user and password segments are kept as written: the password is
	// the placeholder the account fills in, which must not be escaped.
	path := fmt.Sprintf("/timeshift/%s/%s/%d/%s/%s%s", m[2], m[3], mins, start, m[4], ext)
	return rebuild(u, path), nil
}

// rebuild is u with its escaped path replaced by path.
func rebuild(u *url.URL, path string) string {
	s := u.Scheme + "://"
	if u.User != nil {
		s += u.User.String() + "@"
	}
	s += u.Host + path
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}

// flussonicURL is Flussonic's archive form: an HLS playlist NAME.m3u8
// becomes NAME-FROM-DURATION.m3u8, an MPEG-TS stream archive-FROM-DURATION.ts,
// both ending with the programme.
func flussonicURL(raw string, w window) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return "", ErrNoArchive
	}
	p := u.EscapedPath()
	dir, file := p[:strings.LastIndexByte(p, '/')+1], p[strings.LastIndexByte(p, '/')+1:]
	span := fmt.Sprintf("%d-%d", w.start.Unix(), int64(w.stop.Sub(w.start)/time.Second))
	switch {
	case strings.HasSuffix(file, ".m3u8"):
		p = dir + strings.TrimSuffix(file, ".m3u8") + "-" + span + ".m3u8"
	case file == "mpegts" || strings.HasSuffix(file, ".ts"):
		p = dir + "archive-" + span + ".ts"
	case file != "":
		p += "/archive-" + span + ".ts" // the stream's own path
	default:
		return "", ErrNoArchive
	}
	return rebuild(u, p), nil
}
