package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/internal/config"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestChoosePlayer(t *testing.T) {
	ssh := envOf(map[string]string{"SSH_CONNECTION": "10.0.0.2 5555 10.0.0.1 22"})
	desk := envOf(map[string]string{"DISPLAY": ":0"})
	cfgMpv := config.Player{Program: "mpv", Args: []string{"--fs"}}
	tests := []struct {
		name       string
		flag       string
		flagSet    bool
		mode       string
		cfg        config.Player
		env        func(string) string
		want       string
		wantDirect bool
		wantTerm   bool
		wantRemote bool
		wantNote   bool
		wantErr    bool
	}{
		{name: "default on a desktop", flag: "mpv", env: desk, want: "mpv"},
		{name: "config player when the flag is left alone", flag: "mpv", cfg: cfgMpv, env: desk, want: "mpv --fs"},
		{name: "flag wins over config", flag: "vlc", flagSet: true, cfg: cfgMpv, env: desk, want: "vlc"},
		{name: "ssh without display draws mpv's video in the terminal and says so", flag: "mpv", env: ssh, want: "mpv", wantTerm: true, wantNote: true},
		{name: "ssh without display plays sound only with another player", flag: "vlc", flagSet: true, env: ssh, want: "vlc --no-video", wantNote: true},
		{name: "ssh with an explicit window mode", flag: "mpv", mode: "window", env: ssh, want: "mpv"},
		{name: "audio for ffplay", flag: "ffplay", flagSet: true, mode: "audio", env: desk, want: "ffplay -nodisp"},
		{name: "direct mode", flag: "mpv", mode: "direct", env: desk, want: "mpv", wantDirect: true},
		{name: "config mode", flag: "mpv", cfg: config.Player{Mode: config.ModeDirect}, env: desk, want: "mpv", wantDirect: true},
		{name: "terminal mode with mpv", flag: "mpv", mode: "terminal", env: ssh, want: "mpv", wantTerm: true},
		{name: "terminal mode keeps the config's mpv arguments", flag: "mpv", cfg: config.Player{Program: "mpv", Args: []string{"--ao=null"}, Mode: config.ModeTerminal}, env: ssh, want: "mpv --ao=null", wantTerm: true},
		{name: "terminal mode needs mpv", flag: "vlc", flagSet: true, mode: "terminal", env: ssh, wantErr: true},
		{name: "remote mode over ssh", flag: "mpv", mode: "remote", env: ssh, want: "mpv", wantRemote: true},
		{name: "audio for an unknown player", flag: "myplayer", flagSet: true, mode: "audio", env: desk, wantErr: true},
		{name: "unknown mode", flag: "mpv", mode: "hologram", env: desk, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := choosePlayer(tt.flag, tt.flagSet, tt.mode, tt.cfg, tt.env)
			if tt.wantErr {
				if err == nil || exitCode(err) != ExitUsage {
					t.Fatalf("err %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.command != tt.want || got.direct != tt.wantDirect || (got.note != "") != tt.wantNote ||
				got.terminal != tt.wantTerm || got.remote != tt.wantRemote {
				t.Errorf("got %+v, want command %q direct %v terminal %v remote %v note %v",
					got, tt.want, tt.wantDirect, tt.wantTerm, tt.wantRemote, tt.wantNote)
			}
		})
	}
}
