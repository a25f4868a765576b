package testutil

import (
	"os/exec"
	"testing"
)

// RequireTool returns the path of the named command. Without it the test is
// skipped, or failed under CI.
func RequireTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(tb, "%s not installed (.ci/run installs what the tests need): %v", name, err)
	}
	return path
}
