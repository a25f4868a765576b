package session

import (
	"context"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

type recordingSetter map[string]Account

func (r recordingSetter) SetAccount(src string, a Account) { r[src] = a }

type staticSource struct{ p *playlist.Playlist }

func (s staticSource) Name() string { return s.p.Source }
func (s staticSource) Load(context.Context, playlist.Progress) (*playlist.Playlist, error) {
	return s.p, nil
}

func TestLimitsOverTheProvider(t *testing.T) {
	limits := Limits{"alice@h": 3, "carol@h": 0}
	for _, tc := range []struct {
		name      string
		source    string
		provider  int // the provider's max_connections
		wantLimit int
	}{
		{"the configured limit wins over a lower one", "alice@h", 1, 3},
		{"the configured limit wins over a higher one", "alice@h", 5, 3},
		{"no limit set: the provider's", "bob@h", 2, 2},
		{"a zero limit is no limit", "carol@h", 4, 4},
		{"neither says: left to the Manager's default", "dave@h", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := recordingSetter{}
			limits.TellPlaylist(rec, &playlist.Playlist{Source: tc.source,
				Account: &playlist.Account{Server: "http://h:8080", Username: "u", MaxConnections: tc.provider}})
			a, ok := rec[tc.source]
			if !ok || a.Limit != tc.wantLimit || a.Username != "u" || a.Provider != "h:8080" {
				t.Errorf("told %+v (%v), want limit %d for u on h:8080", a, ok, tc.wantLimit)
			}
		})
	}
}

func TestLimitsTellNothingWithoutAnAccount(t *testing.T) {
	rec := recordingSetter{}
	Limits{"file.m3u": 2}.TellPlaylist(rec, &playlist.Playlist{Source: "file.m3u"})
	Limits{}.TellPlaylist(rec, nil)
	if len(rec) != 0 {
		t.Errorf("told %v for playlists without an account", rec)
	}
}

func TestLimitsToldBeforeAnyLoad(t *testing.T) {
	rec := recordingSetter{}
	Limits{"alice@h": 2, "bob@h": 0}.Tell(rec)
	if len(rec) != 1 || rec["alice@h"].Limit != 2 {
		t.Errorf("told %v, want only alice@h with limit 2", rec)
	}
}

func TestLimitsSourceTellsOnEveryLoad(t *testing.T) {
	rec := recordingSetter{}
	p := &playlist.Playlist{Source: "alice@h", Account: &playlist.Account{Server: "http://h:8080", Username: "alice", MaxConnections: 1}}
	src := Limits{"alice@h": 2}.Source(staticSource{p}, rec)
	if src.Name() != "alice@h" {
		t.Errorf("wrapped source named %q", src.Name())
	}
	for range 2 {
		delete(rec, "alice@h")
		if _, err := src.Load(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if rec["alice@h"].Limit != 2 {
			t.Fatalf("after a load told %+v, want limit 2", rec["alice@h"])
		}
	}
}
