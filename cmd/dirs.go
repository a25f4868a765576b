package cmd

import (
	"os"
	"path/filepath"
)

// xdgDir returns $ENV/tuner, or $HOME/fallback/tuner when ENV is unset or not
// absolute (the XDG spec says relative values are to be ignored).
func xdgDir(env, fallback string) string {
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return filepath.Join(d, "tuner")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, fallback, "tuner")
}

func configDir() string { return xdgDir("XDG_CONFIG_HOME", ".config") }
func stateDir() string  { return xdgDir("XDG_STATE_HOME", ".local/state") }
func cacheDir() string  { return xdgDir("XDG_CACHE_HOME", ".cache") }
func dataDir() string   { return xdgDir("XDG_DATA_HOME", ".local/share") }

// recordingsDir is where recordings go unless --dir says otherwise.
func recordingsDir() string { return filepath.Join(dataDir(), "recordings") }
