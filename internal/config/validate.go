package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tuner-iptv/tuner/playlist"
)

// actions are the names [ui.keys] may override. The TUI's key maps define
// what each does; add a name here when a screen gains an action.
var actions = []string{
	"up", "down", "top", "bottom", "pageup", "pagedown",
	"play", "stop", "favorite", "filter", "quit", "help", "copy-url",
	"schedule", "switch-pane", "take-over",
	"live", "movies", "series", "next-episode", "seek-back", "seek-forward", "grid", "find-programme", "record", "recordings", "delete",
}

// Actions lists the action names [ui.keys] accepts.
func Actions() []string { return slices.Clone(actions) }

// Modes lists the player modes [player].mode accepts.
func Modes() []Mode { return slices.Clone(modes) }

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (p *parser) build(f *fileData) *Config {
	c := Default()
	names := map[string]string{}
	for i := range f.Source {
		s := p.source(i, &f.Source[i])
		key := fmt.Sprintf("source[%d].name", i)
		if prev, dup := names[s.Name]; dup {
			p.fail(key, "%q is also the name of %s; give each source its own name", s.Name, prev)
		}
		names[s.Name] = fmt.Sprintf("source[%d]", i)
		c.Sources = append(c.Sources, s)
	}
	c.Player = p.player(f)
	c.UI = p.ui(f)
	if d, ok := p.duration("epg.refresh", f.EPG.Refresh); ok {
		c.EPG.Refresh = d
	}
	c.Record = p.record(f, c.Record)
	return c
}

func (p *parser) source(i int, f *fileSource) Source {
	at := func(k string) string { return fmt.Sprintf("source[%d].%s", i, k) }
	head := fmt.Sprintf("source[%d]", i)
	s := Source{
		Name:            p.oneLine(at("name"), p.str(at("name"), f.Name)),
		Username:        p.oneLine(at("username"), p.str(at("username"), f.Username)),
		PasswordEnv:     p.str(at("password_env"), f.PasswordEnv),
		PasswordKeyring: p.boolean(at("password_keyring"), f.PasswordKeyring),
		UserAgent:       p.oneLine(at("user_agent"), p.str(at("user_agent"), f.UserAgent)),
		Contact:         p.oneLine(at("contact"), p.str(at("contact"), f.Contact)),
		Line:            p.loc.line(head),
	}
	s.Playlist = p.location(at("playlist"), p.str(at("playlist"), f.Playlist))
	s.Guide = p.location(at("guide"), p.str(at("guide"), f.Guide))
	s.Xtream = p.xtreamURL(at("xtream"), p.str(at("xtream"), f.Xtream))

	switch {
	case f.Playlist.set && f.Xtream.set:
		p.fail(at("xtream"), "give either playlist or xtream, not both")
	case !f.Playlist.set && !f.Xtream.set:
		p.fail(head, "needs playlist = \"FILE or URL\" or xtream = \"URL\"")
	case f.Xtream.set && !f.Username.set:
		p.fail(head, "needs username = \"...\" with xtream")
	}
	if isString(f.Name) && strings.TrimSpace(s.Name) == "" {
		p.fail(at("name"), "must not be empty")
	}
	if s.PasswordEnv != "" && !envName.MatchString(s.PasswordEnv) {
		p.fail(at("password_env"), "%q is not an environment variable name (letters, digits and _)", s.PasswordEnv)
	}
	if n, ok := p.integer(at("max_connections"), f.MaxConnections); ok {
		if n < 1 || n > 1000 {
			p.fail(at("max_connections"), "must be between 1 and 1000, got %d", n)
		}
		s.MaxConnections = int(n)
	}
	if isString(f.Contact) && strings.TrimSpace(s.Contact) == "" {
		p.fail(at("contact"), "must not be empty: an e-mail, a web page or a chat handle")
	}
	p.password(at, f, &s)
	if s.Name == "" {
		s.Name = defaultName(s)
	}
	return s
}

// password takes the file's password only from a file others cannot read.
func (p *parser) password(at func(string) string, f *fileSource, s *Source) {
	pw := p.str(at("password"), f.Password)
	key := ""
	for _, k := range []struct {
		name string
		r    raw
	}{{"password", f.Password}, {"password_env", f.PasswordEnv}, {"password_keyring", f.PasswordKeyring}} {
		if k.r.set && key == "" {
			key = at(k.name)
		}
	}
	if key != "" && !f.Username.set {
		p.fail(key, "a password needs username = \"...\"")
		return
	}
	if key != "" && !f.Xtream.set && !playlist.IsHTTP(s.Playlist) {
		p.fail(key, "a password is only used for xtream and http(s) playlist sources")
		return
	}
	if isString(f.Password) && pw == "" {
		p.fail(at("password"), "is empty; remove it to be asked instead")
		return
	}
	fix := "chmod 600 " + shellQuote(p.path)
	if pw != "" {
		if !p.private {
			p.warn(at("password"), fix, "ignored because other users can read this file")
		} else {
			s.file = &secret{pw}
		}
	}
	if !p.private && hasURLPassword(s.Playlist) {
		p.warn(at("playlist"), fix, "the URL holds a password and other users can read this file")
	}
}

func (p *parser) player(f *fileData) Player {
	pl := Player{
		Program: p.str("player.program", f.Player.Program),
		Args:    p.strings("player.args", f.Player.Args),
		Mode:    Mode(p.str("player.mode", f.Player.Mode)),
	}
	if f.Player.Program.set && strings.TrimSpace(pl.Program) == "" {
		p.fail("player.program", "must not be empty; remove it to use mpv")
	}
	if pl.Mode != "" && !slices.Contains(modes, pl.Mode) {
		p.fail("player.mode", "%q is not a mode; use one of %s", pl.Mode, joinModes())
	}
	return pl
}

func (p *parser) ui(f *fileData) UI {
	u := UI{Theme: ThemeAuto}
	if t := Theme(p.str("ui.theme", f.UI.Theme)); t != "" {
		if t != ThemeAuto && t != ThemeDark && t != ThemeLight {
			p.fail("ui.theme", "%q is not a theme; use auto, dark or light", t)
		}
		u.Theme = t
	}
	bound := map[string]string{}
	for _, action := range sortedKeys(f.UI.Keys) {
		key := "ui.keys." + action
		if !slices.Contains(actions, action) {
			p.fail(key, "%q is not an action; use one of %s", action, strings.Join(actions, ", "))
			continue
		}
		keys := p.strings(key, f.UI.Keys[action])
		if l, ok := f.UI.Keys[action].v.([]any); ok && len(l) == 0 {
			p.fail(key, "needs at least one key")
		}
		for _, k := range keys {
			if strings.TrimSpace(k) == "" || strings.ContainsFunc(k, unicode.IsSpace) && k != " " {
				p.fail(key, "%q is not a key name (examples: \"enter\", \"ctrl+d\", \"j\")", k)
			} else if other, dup := bound[k]; dup {
				p.fail(key, "%q is already bound to %s", k, other)
			}
			bound[k] = action
		}
		if u.Keys == nil {
			u.Keys = map[string][]string{}
		}
		u.Keys[action] = keys
	}
	return u
}

func (p *parser) duration(key string, r raw) (time.Duration, bool) {
	s := p.str(key, r)
	if s == "" {
		if r.set {
			p.fail(key, "must not be empty; remove it for the default %s", fmtDuration(DefaultRefresh))
		}
		return 0, false
	}
	d, err := parseDuration(s)
	if err != nil {
		p.fail(key, "%q is not a duration (examples: \"30m\", \"12h\", \"2d\")", s)
		return 0, false
	}
	if d < time.Minute {
		p.fail(key, "%s is too short; at least 1m", s)
		return 0, false
	}
	return d, true
}

// parseDuration is time.ParseDuration plus whole days ("2d").
func parseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err == nil && n > 0 && n < 3650 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	return time.ParseDuration(s)
}

func fmtDuration(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	if d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// location checks a playlist or guide: an http(s) URL, or a file path, which
// is resolved against the home folder (~/) or the config file's folder.
func (p *parser) location(key, v string) string {
	if v == "" {
		return v
	}
	if strings.TrimSpace(v) == "-" {
		p.fail(key, "standard input (-) works only on the command line")
		return v
	}
	if strings.Contains(v, "://") {
		if !playlist.IsHTTP(v) {
			p.fail(key, "not an http(s) URL or a file: %s", maskedValue(v))
			return v
		}
		if u, err := url.Parse(v); err != nil || u.Host == "" {
			p.fail(key, "not a URL: %s", maskedValue(v))
		}
		return v
	}
	if strings.ContainsAny(v, "\n\r") {
		p.fail(key, "must be one line")
		return v
	}
	if rest, ok := strings.CutPrefix(v, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if !filepath.IsAbs(v) && p.path != "" {
		return filepath.Join(filepath.Dir(p.path), v)
	}
	return v
}

func (p *parser) xtreamURL(key, v string) string {
	if v == "" {
		return v
	}
	u, err := url.Parse(strings.TrimSpace(v))
	switch {
	case err != nil || u.Host == "":
		p.fail(key, "not a URL: %s (example: \"http://provider.example:8080\")", maskedValue(v))
	case !playlist.IsHTTP(v):
		p.fail(key, "must start with http:// or https://")
	case u.User != nil:
		p.fail(key, "put the username in username = and the password in password, password_env or the keyring, not in the URL")
	case u.RawQuery != "":
		p.fail(key, "must be the server address without ?query (the username and password go in their own keys)")
	}
	return strings.TrimRight(strings.TrimSpace(v), "/")
}

func (p *parser) oneLine(key, v string) string {
	if strings.ContainsFunc(v, unicode.IsControl) {
		p.fail(key, "must be one line of text without control characters")
	}
	return v
}

// hasURLPassword reports a password carried by the URL itself: userinfo or
// a get.php password= query.
func hasURLPassword(v string) bool {
	if !playlist.IsHTTP(v) {
		return false
	}
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	if _, ok := u.User.Password(); ok {
		return true
	}
	return u.Query().Get("password") != ""
}

// defaultName is the name a source without one goes by: the account, the
// host of a URL, or the file's name.
func defaultName(s Source) string {
	if s.Xtream != "" {
		return s.Account()
	}
	if playlist.IsHTTP(s.Playlist) {
		if u, err := url.Parse(s.Playlist); err == nil {
			return u.Host
		}
	}
	return strings.TrimSuffix(filepath.Base(s.Playlist), filepath.Ext(s.Playlist))
}

func joinModes() string {
	var names []string
	for _, m := range modes {
		names = append(names, string(m))
	}
	return strings.Join(names, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// maskedValue quotes a value in a message with any password hidden.
func maskedValue(v string) string { return strconv.Quote(playlist.MaskURL(v)) }

func isString(r raw) bool {
	_, ok := r.v.(string)
	return r.set && ok
}

// shellQuote quotes a path for a command a person copies into a shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '_' || r == '-' || r == '~' || r == '+' || r == ':' || r == ',' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
