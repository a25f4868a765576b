package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the test binary itself as the `tuner` command,
// so the scripts exercise the real command tree, flags, exit codes and output.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tuner": func() { os.Exit(Execute()) },
	})
}

func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "list_*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	testscript.Run(t, testscript.Params{
		Files: files,
		Setup: func(e *testscript.Env) error {
			// Empty, private folders: a script never sees the real user's files.
			for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
				dir := filepath.Join(e.WorkDir, "xdg", v)
				if err := os.MkdirAll(dir, 0o700); err != nil {
					return err
				}
				e.Setenv(v, dir)
			}
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			return nil
		},
	})
}
