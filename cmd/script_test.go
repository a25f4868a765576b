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

// TestScripts runs every script in testdata/script: the command line as a
// person uses it, with the simulator where a provider is needed.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   filepath.Join("testdata", "script"),
		Cmds:  scriptCmds(),
		Setup: setupScriptEnv,
	})
}

// setupScriptEnv gives each script empty, private folders, so it never sees
// the real user's config, leases or cache.
func setupScriptEnv(e *testscript.Env) error {
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		dir := filepath.Join(e.WorkDir, "xdg", v)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		e.Setenv(v, dir)
	}
	e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
	return nil
}
