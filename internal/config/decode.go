package config

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// raw holds one value as the file wrote it. Every leaf is decoded into a raw
// so that a wrong type is reported by the checks below, at the key's own
// line and with a plain message, instead of stopping the decoder.
type raw struct {
	v   any
	set bool
}

func (r *raw) UnmarshalTOML(v any) error { r.v, r.set = v, true; return nil }

// fileData mirrors the file; md.Undecoded() then lists the unknown keys.
type fileData struct {
	Source []fileSource `toml:"source"`
	Player struct {
		Program raw `toml:"program"`
		Args    raw `toml:"args"`
		Mode    raw `toml:"mode"`
	} `toml:"player"`
	UI struct {
		Theme raw            `toml:"theme"`
		Keys  map[string]raw `toml:"keys"`
	} `toml:"ui"`
	EPG struct {
		Refresh raw `toml:"refresh"`
	} `toml:"epg"`
	Record struct {
		Dir    raw `toml:"dir"`
		Before raw `toml:"before"`
		After  raw `toml:"after"`
		Remux  raw `toml:"remux"`
	} `toml:"record"`
}

type fileSource struct {
	Name            raw `toml:"name"`
	Playlist        raw `toml:"playlist"`
	Xtream          raw `toml:"xtream"`
	Username        raw `toml:"username"`
	Password        raw `toml:"password"`
	PasswordEnv     raw `toml:"password_env"`
	PasswordKeyring raw `toml:"password_keyring"`
	MaxConnections  raw `toml:"max_connections"`
	UserAgent       raw `toml:"user_agent"`
	Guide           raw `toml:"guide"`
	Contact         raw `toml:"contact"`
}

type parser struct {
	path    string
	loc     *locator
	private bool
	errs    Errors
	warns   []Warning
}

func (p *parser) fail(key, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: p.loc.line(key), Key: key, Problem: fmt.Sprintf(format, args...)})
}

func (p *parser) warn(key, fix, format string, args ...any) {
	p.warns = append(p.warns, Warning{Path: p.path, Line: p.loc.line(key), Key: key, Problem: fmt.Sprintf(format, args...), Fix: fix})
}

// checkShape makes sure the tables are tables and sources a list of tables,
// the mistakes the typed decode could only report in its own words.
func (p *parser) checkShape(tree map[string]any) {
	if v, ok := tree["source"]; ok {
		if _, ok := v.([]map[string]any); !ok {
			p.fail("source", "write each source as a [[source]] table (double brackets), got %s", typeName(v))
		}
	}
	for _, name := range []string{"player", "ui", "epg", "record"} {
		if v, ok := tree[name]; ok {
			if _, ok := v.(map[string]any); !ok {
				p.fail(name, "must be a [%s] table, got %s", name, typeName(v))
			}
		}
	}
	if ui, ok := tree["ui"].(map[string]any); ok {
		if v, ok := ui["keys"]; ok {
			if _, ok := v.(map[string]any); !ok {
				p.fail("ui.keys", "must be a table of action = [keys], got %s", typeName(v))
			}
		}
	}
}

// unknownKeys reports keys tuner does not know, at every place they are
// written; a key inside an unknown table is covered by the table.
func (p *parser) unknownKeys(md toml.MetaData) {
	at := map[string][]locEntry{}
	for _, e := range p.loc.entries {
		at[e.key] = append(at[e.key], e)
	}
	unknown := map[string]bool{}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && unknown[k[:len(k)-1].String()] {
			unknown[k.String()] = true
			continue
		}
		unknown[k.String()] = true
		for _, e := range at[k.String()] {
			p.errs = append(p.errs, &Error{Path: p.path, Line: e.line, Key: e.path, Problem: "unknown key" + suggest(k)})
		}
		if len(at[k.String()]) == 0 {
			p.fail(strings.Join(k, "."), "unknown key%s", suggest(k))
		}
	}
}

// suggest names the key meant, for the common slips.
func suggest(k toml.Key) string {
	known := map[string][]string{
		"source": {"name", "playlist", "xtream", "username", "password", "password_env", "password_keyring", "max_connections", "user_agent", "guide", "contact"},
		"player": {"program", "args", "mode"},
		"ui":     {"theme", "keys"},
		"epg":    {"refresh"},
		"record": {"dir", "before", "after", "remux"},
		"":       {"source", "player", "ui", "epg", "record"},
	}
	parent := ""
	if len(k) == 2 {
		parent = k[0]
	} else if len(k) != 1 {
		return ""
	}
	last := normalize(k[len(k)-1])
	for _, name := range known[parent] {
		if distance(normalize(name), last) <= min(2, len(name)/3) {
			return fmt.Sprintf(" (did you mean %s?)", name)
		}
	}
	return fmt.Sprintf(" (known here: %s)", strings.Join(known[parent], ", "))
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func normalize(s string) string {
	return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(s))
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case []map[string]any:
		return "a list of tables"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return "a date or time"
}

// The typed readers report a wrong type and return the zero value.

func (p *parser) str(key string, r raw) string {
	if !r.set {
		return ""
	}
	s, ok := r.v.(string)
	if !ok {
		p.fail(key, "must be a string in quotes, got %s", typeName(r.v))
	}
	return s
}

func (p *parser) boolean(key string, r raw) bool {
	if !r.set {
		return false
	}
	b, ok := r.v.(bool)
	if !ok {
		p.fail(key, "must be true or false, got %s", typeName(r.v))
	}
	return b
}

func (p *parser) integer(key string, r raw) (int64, bool) {
	if !r.set {
		return 0, false
	}
	n, ok := r.v.(int64)
	if !ok {
		p.fail(key, "must be a whole number, got %s", typeName(r.v))
	}
	return n, ok
}

// strings reads a list of strings; a single string counts as a list of one.
func (p *parser) strings(key string, r raw) []string {
	if !r.set {
		return nil
	}
	switch v := r.v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				p.fail(key, "item %d must be a string in quotes, got %s", i+1, typeName(e))
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	p.fail(key, "must be a list of strings, got %s", typeName(r.v))
	return nil
}
