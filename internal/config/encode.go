package config

import (
	"bytes"

	"github.com/BurntSushi/toml"
)

// Marshal writes c as a config file that Load reads back to the same
// Config. It never writes a password: one read from a file stays there, and
// the others were never in it.
func (c *Config) Marshal() ([]byte, error) {
	type source struct {
		Name            string `toml:"name,omitempty"`
		Playlist        string `toml:"playlist,omitempty"`
		Xtream          string `toml:"xtream,omitempty"`
		Username        string `toml:"username,omitempty"`
		PasswordEnv     string `toml:"password_env,omitempty"`
		PasswordKeyring bool   `toml:"password_keyring,omitempty"`
		MaxConnections  int    `toml:"max_connections,omitzero"`
		UserAgent       string `toml:"user_agent,omitempty"`
		Guide           string `toml:"guide,omitempty"`
		Contact         string `toml:"contact,omitempty"`
	}
	type player struct {
		Program string   `toml:"program,omitempty"`
		Args    []string `toml:"args,omitempty"`
		Mode    string   `toml:"mode,omitempty"`
	}
	type ui struct {
		Theme string              `toml:"theme,omitempty"`
		Keys  map[string][]string `toml:"keys,omitempty"`
	}
	type epg struct {
		Refresh string `toml:"refresh,omitempty"`
	}
	type record struct {
		Dir    string `toml:"dir,omitempty"`
		Before string `toml:"before"`
		After  string `toml:"after"`
		Remux  string `toml:"remux,omitempty"`
	}
	var f struct {
		Source []source `toml:"source,omitempty"`
		Player player   `toml:"player"`
		UI     ui       `toml:"ui"`
		EPG    epg      `toml:"epg"`
		Record record   `toml:"record"`
	}
	for _, s := range c.Sources {
		f.Source = append(f.Source, source{s.Name, s.Playlist, s.Xtream, s.Username, s.PasswordEnv,
			s.PasswordKeyring, s.MaxConnections, s.UserAgent, s.Guide, s.Contact})
	}
	f.Player = player{c.Player.Program, c.Player.Args, string(c.Player.Mode)}
	f.UI = ui{string(c.UI.Theme), c.UI.Keys}
	if c.EPG.Refresh > 0 {
		f.EPG.Refresh = fmtDuration(c.EPG.Refresh)
	}
	f.Record = record{c.Record.Dir, fmtDuration(c.Record.Before), fmtDuration(c.Record.After), c.Record.Remux}
	var b bytes.Buffer
	err := toml.NewEncoder(&b).Encode(f)
	return b.Bytes(), err
}
