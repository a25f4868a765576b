package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
)

type credsRecorder map[string]playlist.Credentials

func (r credsRecorder) SetCredentials(name string, c playlist.Credentials) { r[name] = c }

func TestEveryAccountTellsItsCredentialsBySourceName(t *testing.T) {
	acct := source.NewXtream("http://panel.example:8080", "alice", "pw-1", source.Options{Name: "home"})
	file := source.NewURL("http://lists.example/a.m3u", source.Options{}.HTTP)
	got := credsRecorder{}
	tellCredentials(got, []playlist.Source{acct, file})
	want := playlist.Credentials{Host: "panel.example:8080", Username: "alice", Password: "pw-1"}
	if len(got) != 1 || got["home"] != want {
		t.Errorf("told %v", got)
	}
	r := requestURLsOf([]playlist.Source{acct, file})
	if u := r.channel("home", "http://panel.example:8080/live/alice/***/1.ts"); u != "http://panel.example:8080/live/alice/pw-1/1.ts" {
		t.Errorf("channel request URL %s", u)
	}
	if u := r.guide("http://panel.example:8080/xmltv.php?password=***&username=alice"); u != "http://panel.example:8080/xmltv.php?password=pw-1&username=alice" {
		t.Errorf("guide request URL %s", u)
	}
	// Another host's guide never gets the account's password.
	if u := r.guide("http://other.example:8080/xmltv.php?password=***&username=alice"); u != "http://other.example:8080/xmltv.php?password=***&username=alice" {
		t.Errorf("another host's guide: %s", u)
	}
}
