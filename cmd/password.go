package cmd

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"
)

// passwordFor finds the account password: --password, then TUNER_PASSWORD,
// then a prompt on the terminal that does not echo. It never reads a password
// from standard input, which may be carrying a playlist.
func (g *globals) passwordFor(account string) (string, error) {
	if g.password != "" {
		return g.password, nil
	}
	if pw := g.env.getenv("TUNER_PASSWORD"); pw != "" {
		return pw, nil
	}
	pw, err := promptPassword(account)
	if err != nil {
		return "", usageErrorf("no password for %s: set TUNER_PASSWORD or use --password (%v)", account, err)
	}
	g.password = pw // kept so every message can mask it
	return g.password, nil
}

// promptPassword asks on the terminal without echo. It never reads standard
// input, which may be carrying a playlist.
func promptPassword(account string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", errors.New("no terminal to ask on")
	}
	defer tty.Close()
	fmt.Fprintf(tty, "Password for %s: ", account)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	return string(b), nil
}
