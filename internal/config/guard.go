package config

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Bounds checked before the TOML decoder sees a file: its memory grows with
// the square of how deeply values nest (a 4 KB file of nested inline tables
// cost it 268 MB), and no config of tuner's needs more than a few levels.
const (
	MaxSize    = 1 << 20
	MaxNesting = 16
)

// readFile reads at most MaxSize bytes, so a huge file (or /dev/zero) is
// refused without being read whole.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, errTooBig
	}
	return data, nil
}

var errTooBig = errors.New("too big")

// guard refuses text the decoder should not be given.
func guard(path, text string) error {
	if len(text) > MaxSize {
		return tooBig(path)
	}
	if line := tooDeep(text); line > 0 {
		return Errors{{Path: path, Line: line, Problem: fmt.Sprintf("values nest more than %d levels deep", MaxNesting)}}
	}
	return nil
}

func tooBig(path string) error {
	return Errors{{Path: path, Problem: fmt.Sprintf("larger than %d MB; a config file is a few KB", MaxSize>>20)}}
}

// tooDeep returns the line where values first nest deeper than MaxNesting,
// or 0. Each open bracket or brace outside strings and comments is a level,
// and so is each dot of a key (a.b.c = 1 is a table in a table), which is
// why dots count only where a key is expected.
func tooDeep(text string) int {
	var open []byte // the brackets and braces open here
	line, dots, inKey := 1, 0, true
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line++
			if len(open) == 0 || open[len(open)-1] != '[' || inKey {
				inKey, dots = true, 0
			}
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			var nl int
			i, nl = skipString(text, i)
			line += nl
		case '[', '{':
			if open = append(open, c); len(open)+dots > MaxNesting {
				return line
			}
			if c == '{' {
				inKey, dots = true, 0
			}
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			if c == '}' {
				inKey = false // what follows is the rest of a value
			}
		case '.':
			if dots++; inKey && len(open)+dots > MaxNesting {
				return line
			}
		case '=':
			inKey = false
		case ',':
			if len(open) > 0 && open[len(open)-1] == '{' {
				inKey, dots = true, 0
			}
		}
	}
	return 0
}

// skipString returns the index of the last byte of the string that opens at
// i, and how many newlines it holds. Basic strings take backslash escapes;
// literal strings do not; either may be tripled to span lines.
func skipString(text string, i int) (int, int) {
	q := text[i]
	delim := text[i : i+1]
	if i+2 < len(text) && text[i+1] == q && text[i+2] == q {
		delim = text[i : i+3]
	}
	nl := 0
	for j := i + len(delim); j < len(text); j++ {
		switch {
		case text[j] == '\n':
			nl++
		case text[j] == '\\' && q == '"':
			j++
			if j < len(text) && text[j] == '\n' {
				nl++
			}
		case text[j] == q && len(text)-j >= len(delim) && text[j:j+len(delim)] == delim:
			return j + len(delim) - 1, nl
		}
	}
	return len(text) - 1, nl
}
