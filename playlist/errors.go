package playlist

import (
	"errors"
	"fmt"
)

// Problem names what went wrong with a source, so callers can react to it
// (for example a cached copy is kept on any problem, a 401 is diagnosed).
type Problem string

// The problems a source load can end with.
const (
	NotFound    Problem = "not found"
	Refused     Problem = "refused" // HTTP 401/403/404 or an Xtream auth of 0
	NotPlaylist Problem = "not a playlist"
	TooLarge    Problem = "too large"
	TimedOut    Problem = "timed out"
	Unreachable Problem = "unreachable" // DNS, connect, TLS
	Invalid     Problem = "invalid"     // bad source spec or setting
)

// Error is a failed load, phrased for a person: "SOURCE: DETAIL". Err keeps the
// underlying cause for logs and errors.Is; it is never shown raw, since it can
// carry a URL with a password in it.
type Error struct {
	Source  string  // masked source name
	Problem Problem // category
	Detail  string  // one line for a person, e.g. "refused with HTTP 401 Unauthorized"
	Status  int     // HTTP status when there was one
	Err     error
}

func (e *Error) Error() string {
	d := e.Detail
	if d == "" {
		d = string(e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.Source, d)
}

func (e *Error) Unwrap() error { return e.Err }

// ProblemOf returns the Problem of err, or "" when err is not an *Error.
func ProblemOf(err error) Problem {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Problem
	}
	return ""
}
