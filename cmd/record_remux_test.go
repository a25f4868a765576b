package cmd

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
)

// remuxHome gives the test private XDG folders and a config file holding
// text, and returns the config's path.
func remuxHome(t *testing.T, text string) string {
	t.Helper()
	home := t.TempDir()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"} {
		t.Setenv(v, filepath.Join(home, v))
	}
	t.Setenv("HOME", home)
	cfg := filepath.Join(home, "XDG_CONFIG_HOME", "tuner", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func runTuner(t *testing.T, pass string, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	getenv := func(k string) string {
		if k == "TUNER_PASSWORD" {
			return pass
		}
		return os.Getenv(k)
	}
	code := run(context.Background(), env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: getenv}, args)
	return code, out.String(), errs.String()
}

func TestRecordRemuxesToMKVWhenTheConfigAsks(t *testing.T) {
	testutil.RequireTool(t, "ffmpeg")
	ffprobe := testutil.RequireTool(t, "ffprobe")
	s := sim.New(sim.Config{Password: "remux-Pw-7", MaxConnections: 1})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	remuxHome(t, "[record]\nremux = \"mkv\"\n")
	code, out, errs := runTuner(t, s.Password(), "record", "3", "--for", "2s", "--xtream", s.URL(), "--username", s.Username())
	if code != ExitOK {
		t.Fatalf("tuner record: exit %d\n%s", code, errs)
	}
	mkv := strings.TrimSpace(out)
	if filepath.Ext(mkv) != ".mkv" || !strings.Contains(errs, "remuxing ") {
		t.Fatalf("tuner record printed %q, said %q; want the MKV's path, and that it remuxes", out, errs)
	}
	format, err := exec.Command(ffprobe, "-v", "error", "-show_entries", "format=format_name", "-of", "csv=p=0", mkv).Output()
	if err != nil || !strings.Contains(string(format), "matroska") {
		t.Errorf("ffprobe reads %q (%v), want matroska", format, err)
	}
	if _, err := os.Stat(strings.TrimSuffix(mkv, ".mkv") + ".ts"); !os.IsNotExist(err) {
		t.Errorf("the TS is still there (%v)", err)
	}
	code, out, errs = runTuner(t, "", "recordings", "--json")
	if code != ExitOK || !strings.Contains(out, `"path":"`+mkv+`"`) || strings.Contains(out, "remux_error") {
		t.Errorf("tuner recordings --json: exit %d, %s%s; want the MKV's path", code, out, errs)
	}
	if strings.Contains(out+errs, s.Password()) {
		t.Error("the password was shown")
	}
}

func TestConfigCheckReadsRecordRemux(t *testing.T) {
	remuxHome(t, "[record]\nremux = \"mkv\"\n")
	if code, out, errs := runTuner(t, "", "config", "check"); code != ExitOK || !strings.Contains(out, "OK") {
		t.Errorf("remux = mkv: exit %d, %s%s; want OK", code, out, errs)
	}
	cfg := remuxHome(t, "[record]\nremux = \"avi\"\n")
	code, _, errs := runTuner(t, "", "config", "check")
	want := cfg + `:2: record.remux: "avi" is not known`
	if code != ExitUsage || !strings.Contains(errs, want) {
		t.Errorf("remux = avi: exit %d, %q; want a usage error with %q", code, errs, want)
	}
}
