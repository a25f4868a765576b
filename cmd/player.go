package cmd

import (
	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/session/player"
)

// playerSetup resolves --player, --mode and the config's [player]: flags win
// over the config, and session/player says what the mode makes of them.
func playerSetup(flagCmd string, flagSet bool, flagMode string, cfg config.Player, getenv func(string) string) (player.Setup, error) {
	cmd := flagCmd
	if !flagSet && cfg.Command() != "" {
		cmd = cfg.Command()
	}
	if cmd == "" {
		cmd = "mpv"
	}
	mode := player.Mode(flagMode)
	if mode == "" {
		mode = player.Mode(cfg.Mode)
	}
	s, err := player.Choose(cmd, mode, getenv)
	if err != nil {
		return s, withCode(ExitUsage, err)
	}
	return s, nil
}
