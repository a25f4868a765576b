package cmd

import (
	"context"
	"fmt"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// sources turns --playlist, --xtream and positional specs into Sources.
func (g *globals) sources(ctx context.Context, specs []string) ([]playlist.Source, error) {
	opts := source.Options{Stdin: g.env.stdin, UserAgent: g.userAgentOrDefault(), HTTP: remote.Options{Deadline: g.download}}
	all := append(append([]string(nil), g.playlists...), specs...)
	var out []playlist.Source
	stdinUsed := false
	for _, spec := range all {
		if spec == "-" {
			if stdinUsed {
				return nil, usageErrorf("standard input (-) can be read only once")
			}
			stdinUsed = true
		}
		s, err := source.Parse(spec, opts)
		if err != nil {
			return nil, withCode(ExitUsage, err)
		}
		out = append(out, s)
	}
	if g.xtream != "" {
		if g.username == "" {
			return nil, usageErrorf("--xtream needs --username")
		}
		pw, err := g.passwordFor(g.username + "@" + g.xtream)
		if err != nil {
			return nil, err
		}
		out = append(out, source.NewXtream(g.xtream, g.username, pw, opts))
	} else if g.username != "" {
		return nil, usageErrorf("--username goes with --xtream")
	}
	if len(out) == 0 || g.allSources {
		cfgSrcs, err := g.configuredSources()
		if err != nil {
			return nil, err
		}
		out = append(out, cfgSrcs...)
	}
	// An account given twice (--xtream and the config, a get.php URL) is one
	// source: its channels once, one cache, the config's name.
	out = source.Dedupe(out)
	if len(out) == 0 {
		return nil, usageErrorf("no source: give --playlist PATH|URL|-, --xtream URL --username U, add sources to %s (tuner config init), or try `tuner demo`", configPath())
	}
	return out, nil
}

// configuredSources are the config file's sources. Their settings (connection
// limit, guide, provider contact) are kept by source name for the commands
// that use them.
func (g *globals) configuredSources() ([]playlist.Source, error) {
	cfg, err := g.config()
	if err != nil {
		return nil, err
	}
	css, err := g.configSources(cfg, config.SystemKeyring(g.env.getenv), func(pw string) { g.secrets = append(g.secrets, pw) })
	if err != nil {
		return nil, err
	}
	out := make([]playlist.Source, len(css))
	for i, cs := range css {
		out[i] = cs.Source
		g.settings[cs.Name()] = cs.Config
	}
	return out, nil
}

// config loads the config file once per run.
func (g *globals) config() (*config.Config, error) {
	if g.cfg == nil {
		cfg, err := g.loadConfig()
		if err != nil {
			return nil, err
		}
		g.cfg = cfg
	}
	return g.cfg, nil
}

func (g *globals) userAgentOrDefault() string {
	if g.userAgent != "" {
		return g.userAgent
	}
	v := Version
	if v == "" {
		v = "dev"
	}
	return fmt.Sprintf("tuner/%s", v)
}

// credentialTeller is told the credentials of each source's account, so it
// can put the password into a channel's URL as a request leaves.
type credentialTeller interface {
	SetCredentials(source string, c playlist.Credentials)
}

func tellCredentials(m credentialTeller, srcs []playlist.Source) {
	for source, c := range requestURLsOf(srcs).bySource {
		m.SetCredentials(source, c)
	}
}

// requestURLs turns kept URLs into the ones requests send, with the password
// of the account the URL names (by its source, or else by its host).
type requestURLs struct {
	bySource map[string]playlist.Credentials
	all      []playlist.Credentials
}

func requestURLsOf(srcs []playlist.Source) requestURLs {
	r := requestURLs{bySource: map[string]playlist.Credentials{}}
	for _, s := range srcs {
		if c := playlist.CredentialsOf(s); c.Password != "" {
			r.bySource[s.Name()] = c
			r.all = append(r.all, c)
		}
	}
	return r
}

// channel is the request URL of a channel of the named source.
func (r requestURLs) channel(source, raw string) string {
	return r.bySource[source].RequestURL(raw)
}

// guide is the request URL of a guide: a guide URL does not say which source
// named it, so only an account on the guide's own host may fill it in.
func (r requestURLs) guide(raw string) string {
	for _, c := range r.all {
		if c.Owns(raw) {
			if u := c.RequestURL(raw); u != raw {
				return u
			}
		}
	}
	return raw
}
