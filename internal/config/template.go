package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Template is what `tuner config init` writes: every setting, explained,
// with the examples commented out so the file is valid as it stands.
const Template = `# tuner's config file. Lines starting with # are comments.
# Every setting is optional; remove the # in front of a line to use it.
# Check it with: tuner config check (a mistake is reported with its line).

# One [[source]] block per playlist or provider account; add as many as you
# like. A source has either playlist = or xtream =, not both.
#
# [[source]]
# name = "home"                               # shown in the TUI; default: from the URL or file
# playlist = "~/iptv/channels.m3u"            # a file, or an http(s) URL
# guide = "https://example.com/guide.xml.gz"  # XMLTV guide: a file or URL
#
# [[source]]
# name = "provider"
# xtream = "http://provider.example:8080"     # the server address your provider gave you
# username = "alice"
#
# The password, tried in this order:
# password = "..."             # only used while this file is private: chmod 600 this file
# password_env = "TUNER_PROVIDER_PASSWORD"   # an environment variable that holds it
# password_keyring = true      # the system keyring (GNOME Keyring, KWallet, macOS Keychain);
#                              # store it once with:
#                              # secret-tool store --label=tuner service tuner username alice@provider.example:8080
# With none of these, tuner asks for it without echoing.
#
# max_connections = 1          # the account's connection limit, if the provider reports it wrong
# user_agent = "tuner"         # some providers only answer certain players
# guide = "http://provider.example:8080/xmltv.php"
# contact = "support@provider.example"       # e-mail, web page or chat handle; shown
#                                            # when the provider refuses a stream

[player]
# program = "mpv"              # mpv, vlc, ffplay, or any program that takes a URL
# args = ["--fs"]              # arguments before the URL; "{url}" places it elsewhere
# mode = "window"              # window; terminal (video drawn in the terminal, mpv only);
#                              # audio (sound only); server-display; remote (no player
#                              # here: watch on your own computer through ssh -L); or
#                              # direct (no stream gate: the player connects itself).
#                              # Default: window; over SSH without a display,
#                              # terminal with mpv, else audio.

[ui]
theme = "auto"                 # auto (follow the terminal), dark or light
# Key overrides: action = ["key", ...]. Actions: up, down, top, bottom, pageup,
# pagedown, play, stop, favorite, filter, quit, help, copy-url, schedule,
# switch-pane, take-over, live, movies, series, next-episode, seek-back,
# seek-forward, grid, find-programme, record, recordings, delete.
# [ui.keys]
# play = ["enter", "l"]
# quit = ["q", "ctrl+c"]

[epg]
refresh = "12h"                # how often the guide is downloaded again: 30m, 12h, 2d

[record]
# dir = "~/Videos/tuner"       # where recordings go; default $XDG_DATA_HOME/tuner/recordings
before = "2m"                  # a scheduled recording starts this much before the programme
after = "5m"                   # and ends this much after it: guides are rarely on the minute
# remux = "mkv"                # remux a finished recording to MKV with ffmpeg (no transcoding);
                               # without ffmpeg, or when it fails, the .ts is kept. Default "none"
`

// ErrExists is returned by WriteTemplate for a file that is already there.
var ErrExists = errors.New("already exists")

// WriteTemplate writes Template to path, private (0600) and atomically: the
// file appears whole or not at all. Without force an existing file is left
// alone and the error wraps ErrExists; the check and the write are one step,
// so a file created meanwhile is not overwritten either.
func WriteTemplate(path string, force bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a rename or link this removes nothing or the spare name
	if err := writeSynced(f, []byte(Template)); err != nil {
		return err
	}
	if force {
		return os.Rename(tmp, path)
	}
	// A hard link fails when path exists, where a rename would replace it.
	if err := os.Link(tmp, path); err != nil {
		if _, serr := os.Lstat(path); errors.Is(err, fs.ErrExist) || serr == nil {
			return fmt.Errorf("%s %w; use --force to replace it", path, ErrExists)
		}
		// Some file systems have no hard links; the rename is then the
		// best there is.
		return os.Rename(tmp, path)
	}
	return nil
}

func writeSynced(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
