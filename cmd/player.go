package cmd

import (
	"fmt"
	"os"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/session/player"
)

// playerChoice is the player command and how it shows video.
type playerChoice struct {
	command  string
	direct   bool
	display  string // DISPLAY for the player, for server-display
	terminal bool   // mpv draws in the terminal, which the screen hands over
	remote   bool   // no player here: the person watches on their own computer
	note     string // said to the person when tuner picked the mode itself
}

// choosePlayer resolves --player, --mode and the config's [player] into one
// command. Flags win over the config. With no mode set, tuner picks: a window
// where there is a display; over SSH without one, video drawn in this
// terminal when the player is mpv, since it needs neither a display nor a
// sound device (a headless server often has neither, and sound only then
// ends at once), else sound only.
func choosePlayer(flagCmd string, flagSet bool, flagMode string, cfg config.Player, getenv func(string) string) (playerChoice, error) {
	cmd := flagCmd
	if !flagSet && cfg.Command() != "" {
		cmd = cfg.Command()
	}
	if cmd == "" {
		cmd = "mpv"
	}
	mode := config.Mode(flagMode)
	if mode == "" {
		mode = cfg.Mode
	}
	ch := playerChoice{command: cmd}
	if mode == "" {
		if !player.HeadlessSSH(getenv) {
			return ch, nil
		}
		mode, ch.note = sshDefault(player.Kind(cmd))
	}
	return applyMode(ch, mode)
}

// sshDefault is the mode over SSH without a display, and what to say of it.
func sshDefault(player string) (config.Mode, string) {
	if player == "mpv" {
		return config.ModeTerminal, "over SSH with no display: video plays in this terminal (q in mpv comes back); --mode audio for sound only, --mode remote to watch on your own computer"
	}
	return config.ModeAudio, "over SSH with no display: playing sound only on this server; --mode remote to watch on your own computer"
}

func applyMode(ch playerChoice, mode config.Mode) (playerChoice, error) {
	switch mode {
	case config.ModeWindow:
	case config.ModeDirect:
		ch.direct = true
	case config.ModeServerDisplay:
		ch.display = ":0"
	case config.ModeAudio:
		flag, ok := audioOnlyFlag[player.Kind(ch.command)]
		if !ok {
			return ch, usageErrorf("player mode audio: tuner knows no sound-only flag for %q; add one to --player yourself", player.Kind(ch.command))
		}
		ch.command += " " + flag
	case config.ModeTerminal:
		if player.Kind(ch.command) != "mpv" {
			return ch, usageErrorf("player mode terminal needs mpv, which draws video as text (--vo=tct); %q cannot", player.Kind(ch.command))
		}
		ch.terminal = true
	case config.ModeRemote:
		ch.remote = true
	default:
		return ch, usageErrorf("unknown player mode %q: use window, terminal, audio, server-display, remote or direct", mode)
	}
	return ch, nil
}

var audioOnlyFlag = map[string]string{
	"mpv":    "--no-video",
	"vlc":    "--no-video",
	"ffplay": "-nodisp",
}

// useDisplay points players started from now on at a display.
func (ch playerChoice) useDisplay() error {
	if ch.display == "" {
		return nil
	}
	if err := os.Setenv("DISPLAY", ch.display); err != nil {
		return fmt.Errorf("player mode server-display: %w", err)
	}
	return nil
}
