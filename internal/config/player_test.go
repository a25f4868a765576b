package config_test

import (
	"slices"
	"testing"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/session/player"
)

// The command line goes to player.New, which splits it: the words must come
// back exactly as the config file wrote them.
func TestPlayerCommandSplitsBack(t *testing.T) {
	tests := []struct {
		name string
		p    config.Player
	}{
		{"plain", config.Player{Program: "mpv", Args: []string{"--fs", "--ytdl=no"}}},
		{"program path with a space", config.Player{Program: "/Applications/VLC app/vlc", Args: []string{"{url}"}}},
		{"quotes and backslashes", config.Player{Program: "mpv", Args: []string{`--title=it's "live"`, `C:\tmp`, ""}}},
		{"no args", config.Player{Program: "ffplay"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words, err := player.SplitCommand(tt.p.Command())
			want := append([]string{tt.p.Program}, tt.p.Args...)
			if err != nil || !slices.Equal(words, want) {
				t.Errorf("Command() = %s splits to %q (%v), want %q", tt.p.Command(), words, err, want)
			}
		})
	}
	if (config.Player{}).Command() != "" {
		t.Error("no program should give no command")
	}
}
