package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tuner-iptv/tuner/internal/words"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/tui"
)

func newConfigCmd(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "config",
		Short: "Create, find and check tuner's config file",
		Long: `tuner reads its sources, player, theme and keys from
$XDG_CONFIG_HOME/tuner/config.toml (~/.config/tuner/config.toml by default).
` + "`tuner config init`" + ` writes one with every setting explained.`,
		Args: cobra.NoArgs,
	}
	c.AddCommand(newConfigInitCmd(g), newConfigPathCmd(g), newConfigCheckCmd(g))
	return c
}

func newConfigInitCmd(g *globals) *cobra.Command {
	var force bool
	c := &cobra.Command{
		Use:   "init",
		Short: "Write a config file with every setting explained",
		Long: `Write config.toml with comments explaining every setting, readable only by
you (mode 0600, so a password in it is used). An existing file is left alone
unless --force is given.`,
		Example: "  tuner config init\n  $EDITOR \"$(tuner config path)\"",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			path := configPath()
			if err := config.WriteTemplate(path, force); err != nil {
				if errors.Is(err, config.ErrExists) {
					return withCode(ExitUsage, err)
				}
				return fmt.Errorf("%s: %w", path, err)
			}
			fmt.Fprintf(g.env.stdout, "wrote %s\nedit it to add your sources, then run `tuner config check`\n", path)
			return nil
		},
	}
	c.Flags().BoolVar(&force, "force", false, "replace an existing config file")
	return c
}

func newConfigPathCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "path",
		Short: "Print where tuner reads its config file",
		Long:  "Print the config file's path, whether or not the file exists yet.",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(g.env.stdout, configPath())
			return nil
		},
	}
}

func newConfigCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the config file and report problems with their line",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := g.loadConfig()
			var problems config.Errors
			if errors.As(err, &problems) {
				return withCode(ExitUsage, errors.New(problems.Report()))
			}
			if err != nil {
				return err
			}
			if _, statErr := os.Stat(cfg.Path); statErr != nil {
				fmt.Fprintf(g.env.stdout, "%s: no config file; `tuner config init` writes one\n", cfg.Path)
				return nil
			}
			fmt.Fprintf(g.env.stdout, "%s: OK, %d %s\n", cfg.Path, len(cfg.Sources), words.Plural(len(cfg.Sources), "source", "sources"))
			for _, s := range cfg.Sources {
				fmt.Fprintln(g.env.stdout, g.mask(playlist.Printable(describeSource(s))))
			}
			return nil
		},
	}
}

// describeSource is one line about a source for `tuner config check`: what
// it is and where its password will come from, never the password.
func describeSource(s config.Source) string {
	what := "playlist " + s.Playlist
	if s.Xtream != "" {
		what = "xtream " + s.Account()
	}
	line := fmt.Sprintf("  %s: %s", s.Name, what)
	if s.NeedsPassword() {
		line += "; password from " + passwordPlaces(s)
	}
	return line
}

func passwordPlaces(s config.Source) string {
	var places []string
	if s.HasFilePassword() {
		return "the config file"
	}
	if s.PasswordEnv != "" {
		places = append(places, "$"+s.PasswordEnv)
	}
	if s.PasswordKeyring {
		places = append(places, "the keyring")
	}
	places = append(places, "a prompt")
	return strings.Join(places, ", then ")
}

func configPath() string { return filepath.Join(configDir(), "config.toml") }

// loadConfig reads the config file; no file means the defaults. Warnings go
// to standard error, masked, before anything else is shown.
func (g *globals) loadConfig() (*config.Config, error) {
	cfg, warns, err := config.Load(configPath())
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	for _, w := range warns {
		fmt.Fprintln(g.env.stderr, "tuner: warning: "+g.mask(w.String()))
	}
	// Key clashes depend on the screens' own keys, which only the TUI knows.
	if err := tui.CheckKeys(cfg.UI.Keys); err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("%s: [ui] keys: %w", cfg.Path, err))
	}
	return cfg, nil
}

// configuredSource is a source from the config file with the settings that
// travel beside it (connection limit, guide, provider contact).
type configuredSource struct {
	playlist.Source
	Config config.Source
}

// configSources turns the config's sources into Sources, finding each
// password (config file, environment, keyring, then a prompt). remember is
// given every password found, so that messages can mask it.
func (g *globals) configSources(cfg *config.Config, keyring config.Keyring, remember func(secret string)) ([]configuredSource, error) {
	var out []configuredSource
	for _, cs := range cfg.Sources {
		opts := source.Options{Stdin: g.env.stdin, UserAgent: g.userAgentOrDefault(), Name: cs.Name, HTTP: remote.Options{Deadline: g.download}}
		if cs.UserAgent != "" {
			opts.UserAgent = cs.UserAgent
		}
		pw := ""
		if cs.NeedsPassword() {
			var err error
			pw, err = cs.Password(g.env.getenv, keyring, promptPassword)
			if err != nil {
				return nil, withCode(ExitUsage, err)
			}
			remember(pw)
		}
		var src playlist.Source
		if cs.Xtream != "" {
			src = source.NewXtream(cs.Xtream, cs.Username, pw, opts)
		} else {
			opts.HTTP.Username, opts.HTTP.Password = cs.Username, pw
			s, err := source.Parse(cs.Playlist, opts)
			if err != nil {
				return nil, withCode(ExitUsage, fmt.Errorf("source %s: %w", cs.Name, err))
			}
			src = s
		}
		out = append(out, configuredSource{Source: src, Config: cs})
	}
	return out, nil
}
