package player

import (
	"os"
	"slices"
	"strings"
)

// playerEnv is the environment a player starts with: tuner's own, without
// the variables that may hold a password. A player has no use for them, and
// a process's environment is passed on to everything the player starts and
// stays readable in /proc/PID/environ for as long as it runs. Gone are
// TUNER_PASSWORD, any TUNER_ variable whose name says it holds a password
// (the template's TUNER_PROVIDER_PASSWORD), and each name in secret.
func playerEnv(secret []string) []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(secret, name) || secretName(name)
	})
}

func secretName(name string) bool {
	if !strings.HasPrefix(name, "TUNER_") {
		return false
	}
	for _, w := range []string{"PASSWORD", "PASSWD", "SECRET", "TOKEN"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
