package xtream

import (
	"bytes"
	"encoding/json"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Float is a number sent as a JSON number, a numeric string ("7.4", "7,4"),
// "", "N/A" or null; anything unreadable is 0.
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	var s Str
	_ = s.UnmarshalJSON(b)
	t := strings.ReplaceAll(strings.TrimSpace(string(s)), ",", ".")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	*f = Float(v)
	return nil
}

// Object is a JSON object that may arrive as anything else: panels send []
// or "" where they have no details. It keeps the object's bytes for a
// second decoding, and nothing for any other shape.
type Object []byte

// UnmarshalJSON implements json.Unmarshaler.
func (o *Object) UnmarshalJSON(b []byte) error {
	*o = nil
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		*o = append(Object(nil), t...)
	}
	return nil
}

// into decodes the object into v, leaving v as it is when there is none.
func (o Object) into(v any) {
	if len(o) > 0 {
		_ = json.Unmarshal(o, v)
	}
}

// rating reads a ten-point rating, falling back to twice the five-point one
// some panels send alone.
func rating(ten, five Float) float32 {
	r := float64(ten)
	if r <= 0 && five > 0 {
		r = float64(five) * 2
	}
	if r < 0 || r > 10 {
		return 0
	}
	return float32(r)
}

// year reads a year from the first text that has one: a "year" field or a
// release date ("2019-05-17", "17/05/2019"), else the "(2019)" a name
// ends with (a name's other numbers are no year: "Blade Runner 2049").
func year(name Str, texts ...Str) uint16 {
	for _, t := range texts {
		if y := yearIn(string(t)); y > 0 {
			return y
		}
	}
	n := strings.TrimSpace(string(name))
	if i := strings.LastIndexByte(n, '('); i >= 0 && len(n)-i == 6 && n[len(n)-1] == ')' {
		return yearIn(n[i+1 : len(n)-1])
	}
	return 0
}

// yearIn finds the first four-digit run that reads as a plausible year.
func yearIn(s string) uint16 {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			run++
			continue
		}
		if run == 4 {
			y, _ := strconv.Atoi(s[i-4 : i])
			if y >= 1870 && y <= 2200 {
				return uint16(y)
			}
		}
		run = 0
	}
	return 0
}

// seconds reads a running time: duration_secs, else a "01:32:05" or
// "92 min" duration, else a run time in minutes.
func seconds(secs Int, clock, minutes Str) int32 {
	if secs > 0 && secs < math.MaxInt32 {
		return int32(secs)
	}
	if s := clockSeconds(string(clock)); s > 0 {
		return s
	}
	if m := parseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(minutes)), "min"))); m > 0 && m < math.MaxInt32/60 {
		return int32(m * 60)
	}
	return 0
}

// clockSeconds reads "H:MM:SS" or "MM:SS"; anything else is 0.
func clockSeconds(s string) int32 {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0
	}
	var total int64
	for _, p := range parts {
		n, err := strconv.ParseInt(p, 10, 32)
		if err != nil || n < 0 || n > 100000 {
			return 0
		}
		total = total*60 + n
	}
	if total > math.MaxInt32 {
		return 0
	}
	return int32(total)
}

// container picks the file extension a title is served in: the panel's
// container_extension, else the extension of a URL it gave, else mp4.
func container(ext Str, urls ...Str) string {
	if e := cleanExt(string(ext)); e != "" {
		return e
	}
	for _, u := range urls {
		p := string(u)
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if e := cleanExt(path.Ext(p)); e != "" {
			return e
		}
	}
	return "mp4"
}

// cleanExt keeps an extension only when it is short letters and digits, so
// that no odd text ends up in a URL path.
func cleanExt(e string) string {
	e = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(e), "."))
	if e == "" || len(e) > 5 {
		return ""
	}
	for i := 0; i < len(e); i++ {
		if c := e[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return ""
		}
	}
	return e
}

// interner shares the strings and category lists a catalogue repeats
// thousands of times (genres, containers, category ids), so a hundred
// thousand titles hold one copy of each.
type interner struct {
	strs map[string]string
	cats map[string][]string
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, cats: map[string][]string{}}
}

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.strs[s]; ok {
		return v
	}
	in.strs[s] = s
	return s
}

// categories is the title's category ids, the main one first and each once.
func (in *interner) categories(main Str, all Strs) []string {
	ids := make([]string, 0, 1+len(all))
	if main != "" {
		ids = append(ids, string(main))
	}
	for _, id := range all {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	key := strings.Join(ids, "\x00")
	if v, ok := in.cats[key]; ok {
		return v
	}
	for i := range ids {
		ids[i] = in.str(ids[i])
	}
	ids = ids[:len(ids):len(ids)]
	in.cats[key] = ids
	return ids
}
