package cmd

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/check"
)

// Exit codes, the same for every command; README's table lists them.
const (
	ExitOK          = 0
	ExitError       = 1 // unexpected error
	ExitUsage       = 2 // bad flags or arguments
	ExitCredentials = 3 // credentials rejected
	ExitAccount     = 4 // account expired, banned or disabled
	ExitNoSlot      = 5 // no free connection slot
	ExitUnreachable = 6 // provider unreachable, timed out, failing (5xx) or rate limited
	ExitPlaylist    = 7 // playlist empty or unparseable
)

// exitMeaning is one row of the exit code table.
type exitMeaning struct {
	Code    int
	Meaning string
}

// exitMeanings are what each exit code means, as README and the manual page
// say it.
func exitMeanings() []exitMeaning {
	return []exitMeaning{
		{ExitOK, "OK"},
		{ExitError, "unexpected error"},
		{ExitUsage, "usage error"},
		{ExitCredentials, "credentials rejected"},
		{ExitAccount, "account expired, banned or disabled"},
		{ExitNoSlot, "no free connection slot"},
		{ExitUnreachable, "provider unreachable, timed out, failing (5xx) or rate limited"},
		{ExitPlaylist, "playlist empty or unparseable"},
	}
}

// exitError carries an exit code with the message a person sees.
type exitError struct {
	code  int
	err   error
	quiet bool // the person was told already: print nothing more
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// quietly is an exit code with nothing more to say.
func quietly(code int) error {
	return &exitError{code: code, err: errors.New("exit " + strconv.Itoa(code)), quiet: true}
}

// isQuiet reports whether err was already explained to the person.
func isQuiet(err error) bool {
	var ee *exitError
	return errors.As(err, &ee) && ee.quiet
}

// usageErrorf marks a mistake in how tuner was called.
func usageErrorf(format string, args ...any) error {
	return withCode(ExitUsage, errorf(format, args...))
}

// exitCode is the one way any command's error becomes the process exit code.
func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isCobraUsageError(err) {
		return ExitUsage
	}
	if playlist.ProblemOf(err) != "" {
		return loadExitCode(err)
	}
	return ExitError
}

// loadExitCode is a failed source load's code: tuner check's classification,
// so that a 429 or an empty playlist exits alike from every command.
func loadExitCode(err error) int {
	if playlist.ProblemOf(err) == playlist.Invalid {
		return ExitUsage
	}
	return outcomeCode(check.LoadOutcome(err))
}

// outcomeCode is the exit code of a check's outcome.
func outcomeCode(o check.Outcome) int {
	switch o {
	case check.OK:
		return ExitOK
	case check.Rejected:
		return ExitCredentials
	case check.Unusable:
		return ExitAccount
	case check.NoSlot:
		return ExitNoSlot
	case check.Unreachable:
		return ExitUnreachable
	case check.BadPlaylist:
		return ExitPlaylist
	}
	return ExitError
}

// cobra reports flag mistakes as plain errors; these prefixes are how it words them.
func isCobraUsageError(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "flag needs an argument", "unknown command", "invalid argument", "accepts ", "requires ", "required flag", "if any flags in the group"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
