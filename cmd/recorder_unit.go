package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// unitName is the systemd user unit's name, as the README gives it.
const unitName = "tuner-recorder"

// printUnit writes a systemd user unit that runs this very binary's
// recorder to standard output, so it can be redirected into place, and how
// to enable it to standard error.
func printUnit(g *globals) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot tell where tuner is installed: %w", err)
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	fmt.Fprint(g.env.stdout, unitText(systemdWord(exe)+" recorder"+g.sourceFlags()))
	fmt.Fprintf(g.env.stderr, `# Save it, then enable and start it:
  mkdir -p ~/.config/systemd/user
  tuner recorder --unit > ~/.config/systemd/user/%[1]s.service
  systemctl --user daemon-reload; systemctl --user enable --now %[1]s
# To record while you are logged out:
  loginctl enable-linger $USER
# Its log: journalctl --user -u %[1]s, and $XDG_STATE_HOME/tuner/tuner.log.
# A service cannot ask for a password: give it in the config (password_env
# with Environment= in a drop-in only you can read, password_keyring, or
# password in the config file itself).
`, unitName)
	return nil
}

func unitText(execStart string) string {
	return `[Unit]
Description=tuner recorder: records what tuner's schedule holds
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=` + execStart + `
Restart=on-failure
RestartSec=30
# SIGTERM stops what records cleanly: the file is kept, the slot given back.
KillSignal=SIGTERM
TimeoutStopSec=30

[Install]
WantedBy=default.target
`
}

// systemdWord quotes a path for ExecStart, which splits on spaces and
// reads backslashes and percent signs.
func systemdWord(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if !strings.ContainsAny(s, " \t\"'\\") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
