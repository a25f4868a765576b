package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// keyringTimeout bounds a keyring lookup: a locked Secret Service may wait
// for an unlock prompt on a desktop nobody is looking at.
const keyringTimeout = 10 * time.Second

// SystemKeyring is the operating system's keyring: the Secret Service
// (GNOME Keyring, KWallet, KeePassXC) over D-Bus on Linux and BSD, the
// Keychain on macOS, the Credential Manager on Windows. getenv is how the
// environment is read (os.Getenv outside tests).
func SystemKeyring(getenv func(string) string) Keyring { return systemKeyring{getenv} }

type systemKeyring struct{ getenv func(string) string }

func (k systemKeyring) Get(service, user string) (string, error) {
	if err := k.reachable(); err != nil {
		return "", err
	}
	type result struct {
		pw  string
		err error
	}
	done := make(chan result, 1)
	go func() {
		pw, err := gokeyring.Get(service, user)
		done <- result{pw, err}
	}()
	select {
	case r := <-done:
		switch {
		case errors.Is(r.err, gokeyring.ErrNotFound):
			return "", fmt.Errorf("%w for %s", ErrNotInKeyring, user)
		case r.err != nil:
			return "", fmt.Errorf("%w: %v", ErrNoKeyring, r.err)
		}
		return r.pw, nil
	case <-time.After(keyringTimeout):
		return "", fmt.Errorf("%w: the keyring did not answer within %s (is it locked?)", ErrNoKeyring, keyringTimeout)
	}
}

// reachable checks for a D-Bus session before asking, so that a headless
// server gets a clear answer at once and no dbus-launch is started for it.
func (k systemKeyring) reachable() error {
	switch runtime.GOOS {
	case "darwin", "windows":
		return nil
	}
	if k.getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return nil
	}
	dir := k.getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = fmt.Sprintf("/run/user/%d", os.Getuid())
	}
	if fi, err := os.Stat(filepath.Join(dir, "bus")); err == nil && fi.Mode()&os.ModeSocket != 0 {
		return nil
	}
	return fmt.Errorf("%w: no D-Bus session (usual over SSH and on servers)", ErrNoKeyring)
}
