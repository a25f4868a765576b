package cmd

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/tuner-iptv/tuner/session/check"
)

// The JSON of tuner check carries the outcome's exit code; it must be the
// code the process exits with.
func TestOutcomeCodesMatchCheck(t *testing.T) {
	for _, o := range []check.Outcome{check.OK, check.Failed, check.Rejected, check.Unusable, check.NoSlot, check.Unreachable, check.BadPlaylist, "unknown"} {
		if got, want := outcomeCode(o), o.ExitCode(); got != want {
			t.Errorf("outcome %q exits %d, but check reports %d", o, got, want)
		}
	}
}

// README's exit-code table says what exitMeanings say, code for code.
func TestReadmeExitCodes(t *testing.T) {
	f, err := os.Open("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile(`^\| ([0-9]) \| (.+) \|$`)
	got := map[int]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			n, _ := strconv.Atoi(m[1])
			got[n] = m[2]
		}
	}
	want := exitMeanings()
	for _, e := range want {
		if got[e.Code] != e.Meaning {
			t.Errorf("README says exit code %d is %q, want %q", e.Code, got[e.Code], e.Meaning)
		}
	}
	if len(got) != len(want) {
		t.Errorf("README lists %d exit codes, tuner has %d", len(got), len(want))
	}
}
