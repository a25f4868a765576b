package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/internal/config"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// What the modes make of a command is session/player's; here, only which of
// --player, --mode and the config's [player] wins.
func TestPlayerSetupFlagsOverConfig(t *testing.T) {
	desk := envOf(map[string]string{"DISPLAY": ":0"})
	cfgMpv := config.Player{Program: "mpv", Args: []string{"--fs"}}
	tests := []struct {
		name       string
		flag       string
		flagSet    bool
		mode       string
		cfg        config.Player
		want       string
		wantDirect bool
		wantErr    bool
	}{
		{name: "the default", flag: "mpv", want: "mpv"},
		{name: "config player when the flag is left alone", flag: "mpv", cfg: cfgMpv, want: "mpv --fs"},
		{name: "flag wins over config", flag: "vlc", flagSet: true, cfg: cfgMpv, want: "vlc"},
		{name: "config mode", flag: "mpv", cfg: config.Player{Mode: config.ModeDirect}, want: "mpv", wantDirect: true},
		{name: "flag mode wins over config mode", flag: "mpv", mode: "window", cfg: config.Player{Mode: config.ModeDirect}, want: "mpv"},
		{name: "a mode mistake is a usage error", flag: "mpv", mode: "hologram", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := playerSetup(tt.flag, tt.flagSet, tt.mode, tt.cfg, desk)
			if tt.wantErr {
				if err == nil || exitCode(err) != ExitUsage {
					t.Fatalf("err %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Command != tt.want || got.Direct != tt.wantDirect {
				t.Errorf("got %+v, want command %q direct %v", got, tt.want, tt.wantDirect)
			}
		})
	}
}

// Every mode the config accepts is one session/player knows.
func TestConfigModesArePlayerModes(t *testing.T) {
	for _, m := range config.Modes() {
		if _, err := playerSetup("mpv", false, string(m), config.Player{}, envOf(nil)); err != nil {
			t.Errorf("mode %q: %v", m, err)
		}
	}
}
