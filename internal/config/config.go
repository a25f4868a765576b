// Package config reads tuner's config file, $XDG_CONFIG_HOME/tuner/config.toml:
// sources, the player, the look and keys of the TUI, and the guide. It checks
// every key and reports problems with the file, line and key, so a person can
// go straight to the mistake. Passwords are resolved by Source.Password.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is a checked config file.
type Config struct {
	Path    string // the file it was read from
	Sources []Source
	Player  Player
	UI      UI
	EPG     EPG
	Record  Record
}

// Source is one [[source]]: a playlist (file or URL) or an Xtream account.
type Source struct {
	Name     string // never empty: set from the URL or file when the file has none
	Playlist string // file path (~ and relative paths resolved) or http(s) URL
	Xtream   string // Xtream Codes server URL
	Username string

	PasswordEnv     string // name of an environment variable that holds the password
	PasswordKeyring bool   // look the password up in the system keyring

	MaxConnections int    // 0: ask the provider (default 1)
	UserAgent      string // "" : tuner's default
	Guide          string // XMLTV file or URL
	Contact        string // provider's support address: e-mail, web page or chat handle

	Line int // where the [[source]] starts, for messages

	// file is the password written in the config, kept behind a pointer so
	// that printing a Source with %+v shows an address, never the password.
	file *secret
}

type secret struct{ v string }

// Player is the [player] table.
type Player struct {
	Program string   // "" : tuner's default (mpv)
	Args    []string // passed before the stream URL
	Mode    Mode     // "" : tuner decides (window; over SSH without a display, terminal with mpv, else audio)
}

// Mode says where and how the player shows a stream.
type Mode string

// Player modes.
const (
	ModeWindow        Mode = "window"         // a window on this machine's display
	ModeTerminal      Mode = "terminal"       // video drawn in the terminal (mpv --vo=tct)
	ModeAudio         Mode = "audio"          // sound only
	ModeServerDisplay Mode = "server-display" // the display attached to the server tuner runs on
	ModeDirect        Mode = "direct"         // the URL goes straight to the player, bypassing tuner's gate
	ModeRemote        Mode = "remote"         // no player here: a player on another computer, through an SSH-forwarded gate
)

// Modes lists the valid modes, in the order help shows them.
var modes = []Mode{ModeWindow, ModeTerminal, ModeAudio, ModeServerDisplay, ModeRemote, ModeDirect}

// UI is the [ui] table.
type UI struct {
	Theme Theme
	// Keys overrides key bindings: action -> keys, in bubbletea's key names
	// ("enter", "ctrl+c", "j"). Only actions listed by Actions appear.
	Keys map[string][]string
}

// Theme picks the colours.
type Theme string

// Themes.
const (
	ThemeAuto  Theme = "auto" // follow the terminal's background
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
)

// EPG is the [epg] table.
type EPG struct {
	Refresh time.Duration // how often the guide is downloaded again
}

// Record is the [record] table: where recordings go and how much a
// scheduled one takes before and after the guide's times, which are
// rarely on the minute.
type Record struct {
	Dir    string        // "" : $XDG_DATA_HOME/tuner/recordings
	Before time.Duration // padding before a programme's start
	After  time.Duration // padding after its end
	// Remux is "mkv" to remux a finished recording to Matroska with
	// ffmpeg, "" to keep the TS as recorded.
	Remux string
}

// Default paddings of a scheduled recording.
const (
	DefaultBefore = 2 * time.Minute
	DefaultAfter  = 5 * time.Minute
	// maxPadding keeps a typo ("20h") from holding the slot all day.
	maxPadding = 2 * time.Hour
)

// DefaultRefresh is the guide refresh interval when the file sets none.
const DefaultRefresh = 12 * time.Hour

// Default is the config in force when there is no file.
func Default() *Config {
	return &Config{UI: UI{Theme: ThemeAuto}, EPG: EPG{Refresh: DefaultRefresh},
		Record: Record{Before: DefaultBefore, After: DefaultAfter}}
}

// Load reads and checks the config file at path. A missing file is not an
// error: it returns Default() with the error fs.ErrNotExist wrapped, so a
// caller can tell "no config" from "bad config" with errors.Is. Problems
// that make the file unusable are an Errors; things tuner can work around
// (a password in a file others can read) are Warnings.
func Load(path string) (*Config, []Warning, error) {
	data, err := readFile(path)
	if errors.Is(err, errTooBig) {
		return nil, nil, tooBig(path)
	}
	if errors.Is(err, fs.ErrNotExist) {
		c := Default()
		c.Path = path
		return c, nil, fmt.Errorf("%s: %w", path, err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	private := true
	if fi, err := os.Stat(path); err == nil {
		private = fi.Mode().Perm()&0o077 == 0
	}
	return Parse(path, string(data), private)
}

// Parse checks config text as if read from path. private says whether only
// the owner can read the file, and so whether a password in it is used.
func Parse(path, text string, private bool) (*Config, []Warning, error) {
	if err := guard(path, text); err != nil {
		return nil, nil, err
	}
	p := &parser{path: path, loc: locate(text), private: private}
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		return nil, nil, p.syntaxError(err)
	}
	if p.checkShape(tree); len(p.errs) > 0 {
		return nil, nil, p.errs
	}
	var f fileData
	md, err := toml.Decode(text, &f)
	if err != nil {
		return nil, nil, p.syntaxError(err)
	}
	p.unknownKeys(md)
	c := p.build(&f)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b *Error) int { return a.Line - b.Line })
		return nil, p.warns, p.errs
	}
	c.Path = path
	return c, p.warns, nil
}

func (p *parser) syntaxError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Errors{{Path: p.path, Line: pe.Position.Line, Key: pe.LastKey, Problem: pe.Message}}
	}
	return Errors{{Path: p.path, Problem: err.Error()}}
}
