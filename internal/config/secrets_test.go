package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const account = `[[source]]
name = "tv"
xtream = "http://provider.example:8080"
username = "alice"
`

// fakeKeyring is a keyring in a map; a nil map is a machine without one.
type fakeKeyring map[string]string

func (k fakeKeyring) Get(service, user string) (string, error) {
	if k == nil {
		return "", fmt.Errorf("%w: no D-Bus session", ErrNoKeyring)
	}
	pw, ok := k[service+"/"+user]
	if !ok {
		return "", fmt.Errorf("%w for %s", ErrNotInKeyring, user)
	}
	return pw, nil
}

func writeConfig(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return path
}

func TestPasswordInReadableFileIsIgnoredWithWarning(t *testing.T) {
	path := writeConfig(t, account+"password = \"file-Secret\"\n", 0o644)
	c, warns, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 {
		t.Fatalf("warnings %v, want one", warns)
	}
	w := warns[0].String()
	for _, want := range []string{path + ":5:", "source[0].password", "other users can read", "chmod 600 " + path} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q does not say %q", w, want)
		}
	}
	if strings.Contains(w, "file-Secret") {
		t.Errorf("warning shows the password: %q", w)
	}
	s := c.Sources[0]
	if s.HasFilePassword() {
		t.Error("password from a 0644 file was kept")
	}
	pw, err := s.Password(noEnv, nil, func(string) (string, error) { return "typed", nil })
	if err != nil || pw != "typed" {
		t.Errorf("Password = %q, %v; want the prompt's answer", pw, err)
	}
}

func TestPasswordInPrivateFileIsUsed(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o400} {
		path := writeConfig(t, account+"password = \"file-Secret\"\n", mode)
		c, warns, err := Load(path)
		if err != nil || len(warns) != 0 {
			t.Fatalf("mode %o: err %v, warnings %v", mode, err, warns)
		}
		pw, err := c.Sources[0].Password(noEnv, nil, nil)
		if err != nil || pw != "file-Secret" {
			t.Errorf("mode %o: Password = %q, %v", mode, pw, err)
		}
	}
}

func TestPlaylistURLWithPasswordInReadableFileWarns(t *testing.T) {
	path := writeConfig(t, "[[source]]\nplaylist = \"http://h/get.php?username=a&password=url-Secret&type=m3u_plus\"\n", 0o640)
	_, warns, err := Load(path)
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0].String(), "chmod 600") || warns[0].Line != 2 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
}

func noEnv(string) string { return "" }

func TestPasswordOrder(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	prompt := func(string) (string, error) { return "from-prompt", nil }
	noTTY := func(string) (string, error) { return "", errors.New("no terminal to ask on") }
	ring := fakeKeyring{"tuner/alice@provider.example:8080": "from-keyring"}
	tests := []struct {
		name    string
		extra   string
		getenv  func(string) string
		keyring Keyring
		prompt  func(string) (string, error)
		want    string
		errSays []string
	}{
		{"file wins over everything", "password = \"from-file\"\npassword_env = \"PW\"\npassword_keyring = true\n", env(map[string]string{"PW": "from-env"}), ring, prompt, "from-file", nil},
		{"env before keyring", "password_env = \"PW\"\npassword_keyring = true\n", env(map[string]string{"PW": "from-env"}), ring, prompt, "from-env", nil},
		{"empty env falls to keyring", "password_env = \"PW\"\npassword_keyring = true\n", noEnv, ring, prompt, "from-keyring", nil},
		{"keyring before prompt", "password_keyring = true\n", noEnv, ring, prompt, "from-keyring", nil},
		{"keyring not asked unless set", "", noEnv, ring, prompt, "from-prompt", nil},
		{"no keyring falls to prompt", "password_keyring = true\n", noEnv, fakeKeyring(nil), prompt, "from-prompt", nil},
		{"not in keyring falls to prompt", "password_keyring = true\n", noEnv, fakeKeyring{}, prompt, "from-prompt", nil},
		{"nil keyring falls to prompt", "password_keyring = true\n", noEnv, nil, prompt, "from-prompt", nil},
		{"nothing works says everything tried", "password_env = \"PW\"\npassword_keyring = true\n", noEnv, fakeKeyring(nil), noTTY, "",
			[]string{"source tv", "alice@provider.example:8080", "$PW is not set", "no keyring available", "no terminal"}},
		{"no prompt and nothing set", "", noEnv, nil, nil, "", []string{"set password_env or password_keyring"}},
		{"empty prompt answer", "", noEnv, nil, func(string) (string, error) { return "", nil }, "", []string{"empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := Parse("c.toml", account+tt.extra, true)
			if err != nil {
				t.Fatal(err)
			}
			pw, err := c.Sources[0].Password(tt.getenv, tt.keyring, tt.prompt)
			if pw != tt.want {
				t.Errorf("password %q, want %q (err %v)", pw, tt.want, err)
			}
			if (err != nil) != (len(tt.errSays) > 0) {
				t.Fatalf("err %v", err)
			}
			for _, s := range tt.errSays {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestPromptIsAskedForTheAccount(t *testing.T) {
	c, _, _ := Parse("c.toml", account, true)
	var asked string
	c.Sources[0].Password(noEnv, nil, func(a string) (string, error) { asked = a; return "x", nil })
	if asked != "alice@provider.example:8080" {
		t.Errorf("prompt asked for %q", asked)
	}
}

func TestPrintingASourceHidesItsPassword(t *testing.T) {
	c, _, err := Parse("c.toml", account+"password = \"print-Secret\"\n", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"%v", "%+v", "%#v"} {
		if out := fmt.Sprintf(f, c); strings.Contains(out, "print-Secret") {
			t.Errorf("%s shows the password: %s", f, out)
		}
	}
}

func TestSystemKeyringWithoutDBusSaysSoAtOnce(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the keyring there needs no D-Bus")
	}
	runtimeDir := t.TempDir() // no bus socket in it
	getenv := func(k string) string {
		if k == "XDG_RUNTIME_DIR" {
			return runtimeDir
		}
		return ""
	}
	_, err := SystemKeyring(getenv).Get(KeyringService, "alice@h")
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "no keyring available") {
		t.Errorf("err = %v, want no keyring available", err)
	}
}
