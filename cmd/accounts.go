package cmd

import (
	"context"

	"github.com/tuner-iptv/tuner/internal/config"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// accountTeller is told what the provider said about an account, so the
// slot limit follows the account's max_connections.
type accountTeller interface {
	SetAccount(source string, a session.Account)
}

// limitTeller applies the config's max_connections, which wins over what the
// provider says.
type limitTeller struct {
	m        accountTeller
	settings map[string]config.Source
}

func (t limitTeller) SetAccount(source string, a session.Account) {
	if n := t.settings[source].MaxConnections; n > 0 {
		a.Limit = n
	}
	t.m.SetAccount(source, a)
}

// tellAccount passes a loaded playlist's account to the Manager.
func tellAccount(m accountTeller, p *playlist.Playlist) {
	if p != nil && p.Account != nil {
		m.SetAccount(p.Source, session.AccountFrom(p.Account, 0))
	}
}

// accountSource tells the Manager about the account each time its source
// loads, before the screen sees the channels.
type accountSource struct {
	playlist.Source
	m accountTeller
}

func (s accountSource) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	p, err := s.Source.Load(ctx, progress)
	if err == nil {
		tellAccount(s.m, p)
	}
	return p, err
}
