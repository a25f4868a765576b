package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// tunerBin is the binary built once for the whole run; buildErr says why
// there is none.
var (
	tunerBin string
	buildErr error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tuner-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	tunerBin = filepath.Join(dir, "tuner")
	cmd := exec.Command("go", "build", "-o", tunerBin, "github.com/tuner-iptv/tuner")
	if out, err := cmd.CombinedOutput(); err != nil {
		buildErr = fmt.Errorf("go build: %v\n%s", err, out)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// needTools fails (CI=true) or skips the test when tmux or mpv is missing, and
// fails it when the binary did not build.
func needTools(tb testing.TB) {
	tb.Helper()
	testutil.RequireTool(tb, "tmux")
	testutil.RequireTool(tb, "mpv")
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
}
