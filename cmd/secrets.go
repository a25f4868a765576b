package cmd

import (
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// learnSecrets adds the passwords of srcs' accounts to those mask hides,
// whatever gave them (a get.php URL, --xtream), so a provider's answer
// quoting one bare is masked on screen and in the log too.
func (g *globals) learnSecrets(srcs []playlist.Source) {
	for _, s := range srcs {
		if c := playlist.CredentialsOf(s); c.Password != "" {
			g.addSecret(c.Password)
		}
	}
}

func (g *globals) addSecret(pw string) {
	g.secretsMu.Lock()
	defer g.secretsMu.Unlock()
	g.secrets = append(g.secrets, pw)
}

// passwordSetter gives a source's account a password typed on the screen
// after the provider refused the old one: the source loads with it, the
// Manager sends it with the account's streams, and mask hides it.
func (g *globals) passwordSetter(srcs []playlist.Source, mgr credentialTeller) func(source, password string) bool {
	return func(name, pw string) bool {
		for _, s := range srcs {
			ps, ok := s.(source.PasswordSetter)
			if !ok || s.Name() != name {
				continue
			}
			g.addSecret(pw)
			ps.SetPassword(pw)
			mgr.SetCredentials(name, playlist.CredentialsOf(s))
			return true
		}
		return false
	}
}

// revealer gives the screens a channel's URL with its password put back,
// for y to copy; only with --show-secrets.
func (g *globals) revealer(srcs []playlist.Source) func(playlist.Channel) string {
	if !g.showSecrets {
		return nil
	}
	urls := requestURLsOf(srcs)
	return func(ch playlist.Channel) string { return urls.channel(ch.Source, ch.URL) }
}
