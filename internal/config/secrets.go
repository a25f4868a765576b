package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// KeyringService is the service name tuner's passwords are stored under in
// the system keyring; the user is Source.Account(). With libsecret's tool:
//
//	secret-tool store --label='tuner alice@provider.example:8080' service tuner username alice@provider.example:8080
const KeyringService = "tuner"

// Keyring is where Password looks when a source sets password_keyring.
// SystemKeyring is the real one; tests use a map.
type Keyring interface {
	// Get returns the password stored for user under service, an error
	// wrapping ErrNotInKeyring when there is none, or one wrapping
	// ErrNoKeyring when no keyring can be reached.
	Get(service, user string) (string, error)
}

var (
	// ErrNoKeyring means there is no keyring to ask: no Secret Service on
	// D-Bus, as on most headless servers.
	ErrNoKeyring = errors.New("no keyring available")
	// ErrNotInKeyring means the keyring holds no password for the account.
	ErrNotInKeyring = errors.New("no password in the keyring")
)

// Account names the account a password belongs to: "user@host:port", as
// leases and screens show it, and as the keyring entry is named.
func (s *Source) Account() string {
	base := s.Xtream
	if base == "" {
		base = s.Playlist
	}
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	if s.Username == "" {
		return host
	}
	return s.Username + "@" + host
}

// NeedsPassword reports whether the source logs in: an Xtream account, or an
// http(s) playlist with a username.
func (s *Source) NeedsPassword() bool {
	return s.Xtream != "" || (s.Username != "" && playlist.IsHTTP(s.Playlist))
}

// HasFilePassword reports whether the config file supplied the password
// (only ever from a file only its owner can read).
func (s *Source) HasFilePassword() bool { return s.file != nil }

// Password finds the source's password, in this order: the config file
// (only when only its owner can read it), the environment variable named by
// password_env, the system keyring when password_keyring is set, and last
// prompt (which should not echo; nil when there is no one to ask). The error
// says every place that was tried, so the person knows what to set.
func (s *Source) Password(getenv func(string) string, keyring Keyring, prompt func(account string) (string, error)) (string, error) {
	if s.file != nil {
		return s.file.v, nil
	}
	var tried []string
	if s.PasswordEnv != "" {
		if pw := getenv(s.PasswordEnv); pw != "" {
			return pw, nil
		}
		tried = append(tried, "$"+s.PasswordEnv+" is not set")
	}
	if s.PasswordKeyring {
		pw, err := keyringGet(keyring, s.Account())
		if err == nil {
			return pw, nil
		}
		tried = append(tried, err.Error())
	}
	if prompt != nil {
		pw, err := prompt(s.Account())
		if err == nil && pw != "" {
			return pw, nil
		}
		if err != nil {
			tried = append(tried, err.Error())
		} else {
			tried = append(tried, "the password given was empty")
		}
	}
	if len(tried) == 0 {
		tried = append(tried, "set password_env or password_keyring in the config")
	}
	return "", fmt.Errorf("source %s: no password for %s: %s", s.Name, s.Account(), strings.Join(tried, "; "))
}

func keyringGet(k Keyring, account string) (string, error) {
	if k == nil {
		return "", ErrNoKeyring
	}
	pw, err := k.Get(KeyringService, account)
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", fmt.Errorf("%w for %s", ErrNotInKeyring, account)
	}
	return pw, nil
}
