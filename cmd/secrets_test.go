package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// A password given in a source's URL is masked wherever it stands bare in a
// text, as one from the config is, and shown with --show-secrets.
func TestMaskKnowsTheSourcesPasswords(t *testing.T) {
	src, err := source.Parse("http://provider.test:8080/get.php?username=alice&password=s3cr3t-pw&type=m3u_plus", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := &globals{env: env{getenv: func(string) string { return "" }}}
	g.learnSecrets([]playlist.Source{src})
	if got := g.mask("provider said: pass s3cr3t-pw refused"); got != "provider said: pass *** refused" {
		t.Errorf("mask = %q", got)
	}
	g.showSecrets = true
	if got := g.mask("pass s3cr3t-pw"); got != "pass s3cr3t-pw" {
		t.Errorf("with --show-secrets mask = %q", got)
	}
}

// y copies a channel's URL with its password only with --show-secrets.
func TestRevealerOnlyWithShowSecrets(t *testing.T) {
	src := source.NewXtream("http://provider.test:8080", "alice", "s3cr3t-pw", source.Options{})
	ch := playlist.Channel{Source: src.Name(), URL: "http://provider.test:8080/live/alice/***/1.ts"}
	g := &globals{}
	if g.revealer([]playlist.Source{src}) != nil {
		t.Fatal("a revealer without --show-secrets")
	}
	g.showSecrets = true
	if got := g.revealer([]playlist.Source{src})(ch); got != "http://provider.test:8080/live/alice/s3cr3t-pw/1.ts" {
		t.Fatalf("revealed %q", got)
	}
}

type tellerFunc func(source string, c playlist.Credentials)

func (f tellerFunc) SetCredentials(source string, c playlist.Credentials) { f(source, c) }

// A password typed on the screen goes to the source, to the Manager for
// the account's streams, and to the masker; a source that takes none says
// so.
func TestPasswordSetterReachesSourceManagerAndMask(t *testing.T) {
	src := source.NewXtream("http://provider.test:8080", "alice", "old-pw", source.Options{})
	told := map[string]playlist.Credentials{}
	g := &globals{env: env{getenv: func(string) string { return "" }}}
	set := g.passwordSetter([]playlist.Source{src}, tellerFunc(func(s string, c playlist.Credentials) { told[s] = c }))
	if !set(src.Name(), "new-pw-42") {
		t.Fatal("the Xtream source took no password")
	}
	if got := playlist.CredentialsOf(src).Password; got != "new-pw-42" {
		t.Errorf("the source's password is %q", got)
	}
	if told[src.Name()].Password != "new-pw-42" {
		t.Errorf("the Manager was told %+v", told)
	}
	if got := g.mask("said new-pw-42"); got != "said ***" {
		t.Errorf("mask = %q", got)
	}
	if set("nobody@else", "x-pw") {
		t.Error("an unknown source took a password")
	}
}
