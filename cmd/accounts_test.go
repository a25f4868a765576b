package cmd

import (
	"context"
	"testing"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

type recordingTeller map[string]session.Account

func (r recordingTeller) SetAccount(src string, a session.Account) { r[src] = a }

type staticSource struct{ p *playlist.Playlist }

func (s staticSource) Name() string { return s.p.Source }
func (s staticSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	return s.p, nil
}

func TestAccountSourceTellsTheLimit(t *testing.T) {
	rec := recordingTeller{}
	p := &playlist.Playlist{Source: "alice@h", Account: &playlist.Account{Server: "http://h:8080", Username: "alice", MaxConnections: 2}}
	if _, err := (accountSource{Source: staticSource{p}, m: rec}).Load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	a, ok := rec["alice@h"]
	if !ok || a.Limit != 2 || a.Username != "alice" || a.Provider != "h:8080" {
		t.Errorf("told %+v (%v), want limit 2 for alice on h:8080", a, ok)
	}
	tellAccount(rec, &playlist.Playlist{Source: "file.m3u"})
	if _, ok := rec["file.m3u"]; ok {
		t.Error("a playlist without an account must not set one")
	}
}

func TestConfigLimitWinsOverTheProvider(t *testing.T) {
	rec := recordingTeller{}
	lt := limitTeller{m: rec, settings: map[string]config.Source{"alice@h": {MaxConnections: 3}}}
	tellAccount(lt, &playlist.Playlist{Source: "alice@h", Account: &playlist.Account{Username: "alice", MaxConnections: 1}})
	tellAccount(lt, &playlist.Playlist{Source: "bob@h", Account: &playlist.Account{Username: "bob", MaxConnections: 2}})
	if rec["alice@h"].Limit != 3 || rec["bob@h"].Limit != 2 {
		t.Errorf("limits %d and %d, want 3 (config) and 2 (provider)", rec["alice@h"].Limit, rec["bob@h"].Limit)
	}
}
