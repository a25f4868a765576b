package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestTemplateIsPrivateAndLoadsWithoutWarnings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tuner", "config.toml")
	if err := WriteTemplate(path, false); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, err %v; want 0600", fi.Mode(), err)
	}
	c, warns, err := Load(path)
	if err != nil || len(warns) != 0 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
	if !reflect.DeepEqual(c.UI, UI{Theme: ThemeAuto}) || c.EPG.Refresh != 12*time.Hour || len(c.Sources) != 0 {
		t.Errorf("template config %+v", c)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// The examples in the template are what people uncomment: with their #
// removed they must load too.
func TestTemplateExamplesLoadWhenUncommented(t *testing.T) {
	var lines []string
	for _, l := range strings.Split(Template, "\n") {
		if rest, ok := strings.CutPrefix(l, "# "); ok && looksLikeSetting(rest) {
			l = rest
		}
		lines = append(lines, l)
	}
	text := strings.Join(lines, "\n")
	c, warns, err := Parse("/cfg/config.toml", text, true)
	if err != nil || len(warns) != 0 {
		t.Fatalf("err %v, warnings %v\n%s", err, warns, text)
	}
	if len(c.Sources) != 2 || c.Sources[1].MaxConnections != 1 || c.Player.Mode != ModeWindow || len(c.UI.Keys) != 2 {
		t.Errorf("uncommented template: %+v", c)
	}
}

func looksLikeSetting(s string) bool {
	if strings.HasPrefix(s, "[") {
		return true
	}
	k, _, ok := strings.Cut(s, " = ")
	return ok && !strings.Contains(k, " ")
}

func TestWriteTemplateRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("# mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteTemplate(path, false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v, want ErrExists naming --force", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "# mine\n" {
		t.Fatalf("file changed to %q", b)
	}
	if err := WriteTemplate(path, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != Template {
		t.Error("--force did not replace the file")
	}
}

func TestRoundTrip(t *testing.T) {
	in := &Config{
		Sources: []Source{
			{Name: "home", Playlist: "/srv/tv.m3u", Guide: "https://g.example/guide.xml.gz"},
			{Name: "provider", Xtream: "http://provider.example:8080", Username: "alice", PasswordEnv: "PW",
				PasswordKeyring: true, MaxConnections: 2, UserAgent: "VLC/3.0", Guide: "http://provider.example:8080/xmltv.php",
				Contact: "@provider_support"},
		},
		Player: Player{Program: "mpv", Args: []string{"--fs", "--ytdl=no"}, Mode: ModeTerminal},
		UI:     UI{Theme: ThemeLight, Keys: map[string][]string{"play": {"enter", "l"}, "quit": {"q"}}},
		EPG:    EPG{Refresh: 90 * time.Minute},
	}
	data, err := in.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	out, warns, err := Parse("/cfg/config.toml", string(data), true)
	if err != nil || len(warns) != 0 {
		t.Fatalf("err %v, warnings %v\n%s", err, warns, data)
	}
	for i := range out.Sources {
		out.Sources[i].Line = 0
	}
	out.Path = ""
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the config\n in: %+v\nout: %+v\n%s", in, out, data)
	}
}

func TestMarshalNeverWritesThePassword(t *testing.T) {
	c, _, err := Parse("c.toml", account+"password = \"marshal-Secret\"\n", true)
	if err != nil {
		t.Fatal(err)
	}
	data, err := c.Marshal()
	if err != nil || strings.Contains(string(data), "marshal-Secret") {
		t.Errorf("err %v, output:\n%s", err, data)
	}
}

func TestDurations(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{{"12h", 12 * time.Hour}, {"2d", 48 * time.Hour}, {"30m", 30 * time.Minute}, {"1h30m", 90 * time.Minute}} {
		c, _, err := Parse("c.toml", "[epg]\nrefresh = \""+tt.in+"\"\n", true)
		if err != nil || c.EPG.Refresh != tt.want {
			t.Errorf("%s: %v, %v", tt.in, c, err)
			continue
		}
		if back, _ := parseDuration(fmtDuration(tt.want)); back != tt.want {
			t.Errorf("%s formats as %s", tt.in, fmtDuration(tt.want))
		}
	}
}

// The template's comment names every action [ui.keys] takes, so a person
// reading it learns the new ones too.
func TestTemplateNamesEveryAction(t *testing.T) {
	i := strings.Index(Template, "Actions:")
	j := strings.Index(Template, "# [ui.keys]")
	if i < 0 || j < i {
		t.Fatal("the template has no list of actions before [ui.keys]")
	}
	listed := map[string]bool{}
	for _, w := range strings.FieldsFunc(Template[i+len("Actions:"):j], func(r rune) bool { return r == ',' || r == '.' || r == '#' || r == ' ' || r == '\n' }) {
		listed[w] = true
	}
	for _, a := range Actions() {
		if !listed[a] {
			t.Errorf("the template does not name the action %q", a)
		}
	}
}
