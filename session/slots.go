package session

import (
	"context"

	"github.com/tuner-iptv/tuner/playlist"
)

// AccountSetter is told what is known of the account behind a source; the
// Manager is one.
type AccountSetter interface {
	SetAccount(source string, a Account)
}

// Limits are connection limits set per source (a config's max_connections),
// by source name. A limit set here wins over what the provider says: panels
// often report more connections than the subscription allows, and a person
// who knows better must be able to say so.
type Limits map[string]int

// Tell gives m the limits before any source has loaded, so a channel played
// from a cached copy already counts against the right limit.
func (l Limits) Tell(m AccountSetter) {
	for name, n := range l {
		if n > 0 {
			m.SetAccount(name, Account{Limit: n})
		}
	}
}

// TellPlaylist gives m the account a loaded playlist describes, with the
// source's own limit over the provider's. A playlist without an account
// tells nothing.
func (l Limits) TellPlaylist(m AccountSetter, p *playlist.Playlist) {
	if p != nil && p.Account != nil {
		m.SetAccount(p.Source, AccountFrom(p.Account, l[p.Source]))
	}
}

// Source wraps src so that every load tells m of the account before whoever
// loads sees the channels.
func (l Limits) Source(src playlist.Source, m AccountSetter) playlist.Source {
	return accountSource{Source: src, m: m, limits: l}
}

type accountSource struct {
	playlist.Source
	m      AccountSetter
	limits Limits
}

func (s accountSource) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	p, err := s.Source.Load(ctx, progress)
	if err == nil {
		s.limits.TellPlaylist(s.m, p)
	}
	return p, err
}
