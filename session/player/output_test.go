package player

import "testing"

func TestLastWordsPickTheComplaint(t *testing.T) {
	for _, c := range []struct{ out, want string }{
		{"", ""},
		{"Playing: x\n", "Playing: x"},
		{"SDL_OpenAudio: ALSA: Couldn't open audio device\n   0.52 M-A: 0.000 \r   0.61 M-A: 0.000 \r", "SDL_OpenAudio: ALSA: Couldn't open audio device"},
		{"[ao] Could not open/initialize audio device -> no sound.\nExiting... (Errors when loading file)\n", "Exiting... (Errors when loading file)"},
		{"Failed to open http://h/live/bob/hunter2/1.ts.\n", "Failed to open http://h/live/bob/***/1.ts."},
	} {
		if got := lastWords(c.out); got != c.want {
			t.Errorf("lastWords(%q) = %q, want %q", c.out, got, c.want)
		}
	}
}

func TestSoundIn(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	has := func(paths ...string) func(string) bool {
		return func(p string) bool {
			for _, q := range paths {
				if p == q {
					return true
				}
			}
			return false
		}
	}
	for _, c := range []struct {
		name   string
		getenv func(string) string
		exists func(string) bool
		want   bool
	}{
		{"nothing", env(nil), has(), false},
		{"PULSE_SERVER", env(map[string]string{"PULSE_SERVER": "tcp:host"}), has(), true},
		{"pipewire socket", env(map[string]string{"XDG_RUNTIME_DIR": "/run/user/1"}), has("/run/user/1/pipewire-0"), true},
		{"pulse socket", env(map[string]string{"XDG_RUNTIME_DIR": "/run/user/1"}), has("/run/user/1/pulse/native"), true},
		{"runtime dir without a server", env(map[string]string{"XDG_RUNTIME_DIR": "/run/user/1"}), has(), false},
		{"alsa", env(nil), has("/dev/snd"), true},
	} {
		if got := SoundIn(c.getenv, c.exists); got != c.want {
			t.Errorf("%s: SoundIn = %v, want %v", c.name, got, c.want)
		}
	}
}
