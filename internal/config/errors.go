package config

import (
	"fmt"
	"strings"
)

// Error is one problem in the config file.
type Error struct {
	Path    string
	Line    int    // 0 when the problem has no single line
	Key     string // "source[1].xtream"; "" for a syntax error with no key
	Problem string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	b.WriteString(": " + e.Problem)
	return b.String()
}

// Errors are all the problems found, in file order. As an error it reads as
// its first problem, in one line, with a count of the rest.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 0 {
		return "no problems"
	}
	msg := es[0].Error()
	switch n := len(es) - 1; n {
	case 0:
	case 1:
		msg += " (and 1 more problem)"
	default:
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// Report is every problem, one a line, for `tuner config check`: the count
// with the file's path first when there are several, then each problem
// starting with its file and line as editors read them.
func (es Errors) Report() string {
	if len(es) < 2 {
		return es.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problems", es[0].Path, len(es))
	for _, e := range es {
		b.WriteString("\n" + e.Error())
	}
	return b.String()
}

// Warning is something in the config that tuner works around, shown once at
// start-up.
type Warning struct {
	Path    string
	Line    int
	Key     string
	Problem string
	Fix     string // a command or change that removes the warning
}

func (w Warning) String() string {
	e := Error{Path: w.Path, Line: w.Line, Key: w.Key, Problem: w.Problem}
	s := e.Error()
	if w.Fix != "" {
		s += "; fix: " + w.Fix
	}
	return s
}
