package config

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

// Every case is a file with one mistake: the error must name the line and
// the key, and say what is wrong.
func TestValidationErrors(t *testing.T) {
	const xt = "[[source]]\nxtream = \"http://h:8080\"\nusername = \"u\"\n"
	tests := []struct {
		name, text string
		line       int
		key, says  string
	}{
		{"syntax error", "[player]\nprogram = \"mpv\n", 2, "player.program", "newlines"},
		{"source as single table", "[source]\nplaylist = \"a.m3u\"\n", 1, "source", "[[source]]"},
		{"player as list", "[[player]]\nprogram = \"mpv\"\n", 1, "player", "[player] table"},
		{"keys not a table", "[ui]\nkeys = [\"a\"]\n", 2, "ui.keys", "table of action"},
		{"unknown top-level table", "[colours]\nbg = 1\n", 1, "colours", "unknown key"},
		{"unknown source key suggests", xt + "passwrd = \"x\"\n", 4, "source[0].passwrd", "did you mean password?"},
		{"unknown key in second source", "[[source]]\nplaylist = \"a.m3u\"\n\n[[source]]\nplaylist = \"b.m3u\"\nurl = \"x\"\n", 6, "source[1].url", "unknown key"},
		{"unknown player key", "[player]\nprogramme = \"mpv\"\n", 2, "player.programme", "did you mean program?"},
		{"source without playlist or xtream", "[[source]]\nname = \"x\"\n", 1, "source[0]", "needs playlist"},
		{"both playlist and xtream", "[[source]]\nplaylist = \"a.m3u\"\nxtream = \"http://h\"\nusername = \"u\"\n", 3, "source[0].xtream", "not both"},
		{"xtream without username", "[[source]]\nxtream = \"http://h\"\n", 1, "source[0]", "needs username"},
		{"xtream not a URL", "[[source]]\nxtream = \"provider\"\nusername = \"u\"\n", 2, "source[0].xtream", "not a URL"},
		{"xtream not http", "[[source]]\nxtream = \"ftp://h\"\nusername = \"u\"\n", 2, "source[0].xtream", "http://"},
		{"xtream with userinfo", "[[source]]\nxtream = \"http://u:pw@h\"\nusername = \"u\"\n", 2, "source[0].xtream", "not in the URL"},
		{"xtream with query", "[[source]]\nxtream = \"http://h/?username=u\"\nusername = \"u\"\n", 2, "source[0].xtream", "without ?query"},
		{"playlist rtsp", "[[source]]\nplaylist = \"rtsp://h/x\"\n", 2, "source[0].playlist", "not an http(s) URL"},
		{"playlist URL without host", "[[source]]\nplaylist = \"http:///x.m3u\"\n", 2, "source[0].playlist", "not a URL"},
		{"playlist stdin", "[[source]]\nplaylist = \"-\"\n", 2, "source[0].playlist", "command line"},
		{"playlist number", "[[source]]\nplaylist = 5\n", 2, "source[0].playlist", "must be a string"},
		{"name empty", "[[source]]\nname = \"\"\nplaylist = \"a.m3u\"\n", 2, "source[0].name", "must not be empty"},
		{"name with newline", "[[source]]\nname = \"a\\nb\"\nplaylist = \"a.m3u\"\n", 2, "source[0].name", "one line"},
		{"names repeated", "[[source]]\nname = \"tv\"\nplaylist = \"a.m3u\"\n[[source]]\nname = \"tv\"\nplaylist = \"b.m3u\"\n", 5, "source[1].name", "also the name of source[0]"},
		{"username number", "[[source]]\nxtream = \"http://h\"\nusername = 42\n", 3, "source[0].username", "must be a string"},
		{"password empty", xt + "password = \"\"\n", 4, "source[0].password", "is empty"},
		{"password on a file playlist", "[[source]]\nplaylist = \"a.m3u\"\nusername = \"u\"\npassword_env = \"P\"\n", 4, "source[0].password_env", "only used for xtream"},
		{"password without username", "[[source]]\nplaylist = \"http://h/a.m3u\"\npassword_env = \"P\"\n", 3, "source[0].password_env", "needs username"},
		{"password_env bad name", xt + "password_env = \"MY-PASS\"\n", 4, "source[0].password_env", "not an environment variable"},
		{"password_keyring string", xt + "password_keyring = \"yes\"\n", 4, "source[0].password_keyring", "true or false"},
		{"max_connections string", xt + "max_connections = \"2\"\n", 4, "source[0].max_connections", "whole number"},
		{"max_connections zero", xt + "max_connections = 0\n", 4, "source[0].max_connections", "between 1 and 1000"},
		{"max_connections float", xt + "max_connections = 1.5\n", 4, "source[0].max_connections", "whole number"},
		{"user_agent with newline", xt + "user_agent = \"a\\r\\nX-Evil: 1\"\n", 4, "source[0].user_agent", "one line"},
		{"guide not http", xt + "guide = \"ftp://h/g.xml\"\n", 4, "source[0].guide", "not an http(s) URL"},
		{"contact empty", xt + "contact = \" \"\n", 4, "source[0].contact", "must not be empty"},
		{"player program empty", "[player]\nprogram = \"\"\n", 2, "player.program", "must not be empty"},
		{"player args not list", "[player]\nargs = 3\n", 2, "player.args", "list of strings"},
		{"player args item", "[player]\nargs = [\n  \"--fs\",\n  true,\n]\n", 2, "player.args", "item 2"},
		{"player mode", "[player]\nmode = \"tv\"\n", 2, "player.mode", "server-display"},
		{"theme", "[ui]\ntheme = \"blue\"\n", 2, "ui.theme", "auto, dark or light"},
		{"key action unknown", "[ui.keys]\nzap = \"z\"\n", 2, "ui.keys.zap", "not an action"},
		{"key list empty", "[ui.keys]\nplay = []\n", 2, "ui.keys.play", "at least one key"},
		{"key name with space", "[ui.keys]\nplay = [\"ctrl + p\"]\n", 2, "ui.keys.play", "not a key name"},
		{"key bound twice", "[ui.keys]\nplay = [\"x\"]\nstop = [\"x\"]\n", 3, "ui.keys.stop", "already bound to play"},
		{"key in inline table", "[ui]\nkeys = { zap = \"z\" }\n", 2, "ui.keys.zap", "not an action"},
		{"refresh not a duration", "[epg]\nrefresh = \"often\"\n", 2, "epg.refresh", "not a duration"},
		{"refresh number", "[epg]\nrefresh = 12\n", 2, "epg.refresh", "must be a string"},
		{"refresh too short", "[epg]\nrefresh = \"10s\"\n", 2, "epg.refresh", "too short"},
		{"dotted key line", "player.mode = \"tv\"\n", 1, "player.mode", "not a mode"},
		{"after multi-line string", "[player]\nargs = ['''\nx\n''']\n[ui]\ntheme = \"x\"\n", 6, "ui.theme", "not a theme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("/cfg/config.toml", tt.text, true)
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("err = %v, want a config error", err)
			}
			e := es[0]
			if e.Line != tt.line || e.Key != tt.key || !strings.Contains(e.Problem, tt.says) {
				t.Errorf("got line %d key %q problem %q\nwant line %d key %q problem containing %q", e.Line, e.Key, e.Problem, tt.line, tt.key, tt.says)
			}
			if prefix := "/cfg/config.toml:"; !strings.HasPrefix(err.Error(), prefix) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q: want one line starting with %q", err.Error(), prefix)
			}
		})
	}
}

func TestErrorsReportEveryProblemInFileOrder(t *testing.T) {
	text := "[epg]\nrefresh = \"x\"\n[[source]]\nname = 1\nplaylist = \"a.m3u\"\n[ui]\ntheme = \"x\"\n"
	_, _, err := Parse("c.toml", text, true)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatal(err)
	}
	var lines []int
	for _, e := range es {
		lines = append(lines, e.Line)
	}
	if len(lines) != 3 || lines[0] != 2 || lines[1] != 4 || lines[2] != 7 {
		t.Errorf("lines %v, want [2 4 7]", lines)
	}
	if !strings.HasSuffix(err.Error(), "(and 2 more problems)") {
		t.Errorf("message %q", err)
	}
}

func TestValidFileDefaultsAndPaths(t *testing.T) {
	text := `
[[source]]
playlist = "lists/tv.m3u"
guide = "~/guide.xml"

[[source]]
xtream = "http://provider.example:8080/"
username = "alice"

[[source]]
name = "web"
playlist = "https://cdn.example/a.m3u"
username = "bob"
password_env = "WEB_PW"

[ui.keys]
play = "l"
`
	t.Setenv("HOME", "/home/test")
	c, warns, err := Parse("/etc/tuner/config.toml", text, true)
	if err != nil || len(warns) != 0 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
	want := []struct{ name, playlist, guide, xtream, account string }{
		{"tv", "/etc/tuner/lists/tv.m3u", "/home/test/guide.xml", "", "/etc/tuner/lists/tv.m3u"},
		{"alice@provider.example:8080", "", "", "http://provider.example:8080", "alice@provider.example:8080"},
		{"web", "https://cdn.example/a.m3u", "", "", "bob@cdn.example"},
	}
	for i, w := range want {
		s := c.Sources[i]
		if s.Name != w.name || s.Playlist != w.playlist || s.Guide != w.guide || s.Xtream != w.xtream || s.Account() != w.account {
			t.Errorf("source %d = %+v (account %q), want %+v", i, s, s.Account(), w)
		}
	}
	if c.Sources[1].Line != 6 {
		t.Errorf("second source at line %d, want 6", c.Sources[1].Line)
	}
	if !c.Sources[1].NeedsPassword() || !c.Sources[2].NeedsPassword() || c.Sources[0].NeedsPassword() {
		t.Error("NeedsPassword: want only the account and the http playlist with a username")
	}
	if c.UI.Theme != ThemeAuto || c.EPG.Refresh != DefaultRefresh || len(c.UI.Keys["play"]) != 1 {
		t.Errorf("defaults: %+v %+v", c.UI, c.EPG)
	}
}

func TestMissingFileIsDefault(t *testing.T) {
	c, _, err := Load(t.TempDir() + "/none.toml")
	if !errors.Is(err, fs.ErrNotExist) || c == nil || c.EPG.Refresh != DefaultRefresh {
		t.Errorf("config %+v, err %v", c, err)
	}
}

func TestEveryActionTakesKeys(t *testing.T) {
	for _, action := range Actions() {
		t.Run(action, func(t *testing.T) {
			c, _, err := Parse("config.toml", "[ui.keys]\n\""+action+"\" = [\"ctrl+x\"]\n", true)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.UI.Keys[action]; len(got) != 1 || got[0] != "ctrl+x" {
				t.Errorf("keys of %s = %q", action, got)
			}
		})
	}
}

func TestErrorsReportShowsEveryProblemOnItsLine(t *testing.T) {
	text := "[epg]\nrefresh = \"x\"\n[[source]]\nname = 1\nplaylist = \"a.m3u\"\n[ui]\ntheme = \"x\"\n"
	_, _, err := Parse("c.toml", text, true)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatal(err)
	}
	lines := strings.Split(es.Report(), "\n")
	if len(lines) != 4 || lines[0] != "c.toml: 3 problems" {
		t.Fatalf("report %q", lines)
	}
	for i, want := range []string{"c.toml:2: epg.refresh: ", "c.toml:4: source[0].name: ", "c.toml:7: ui.theme: "} {
		if !strings.HasPrefix(lines[i+1], want) || strings.Contains(lines[i+1], "more problem") {
			t.Errorf("line %d %q, want it to start %q", i+1, lines[i+1], want)
		}
	}
	one := Errors{{Path: "c.toml", Line: 3, Key: "k", Problem: "bad"}}
	if got := one.Report(); got != "c.toml:3: k: bad" {
		t.Errorf("one problem reported as %q", got)
	}
}
