package config

import "strings"

// Command is the player as one command line, the form --player takes:
// program first, then the arguments, each quoted when it needs to be so
// that splitting the line gives back the same words. "" when the file
// names no program.
func (p Player) Command() string {
	if p.Program == "" {
		return ""
	}
	words := []string{quoteWord(p.Program)}
	for _, a := range p.Args {
		words = append(words, quoteWord(a))
	}
	return strings.Join(words, " ")
}

// quoteWord single-quotes a word with spaces, quotes or backslashes; a
// single quote inside is closed, escaped and reopened, as sh expects.
func quoteWord(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t\n'\"\\") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
