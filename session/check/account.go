package check

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// checkAccount checks an Xtream account: account info, then (when the account
// may watch) the live categories and streams, then the probes. src is the
// Source the client came from, used only for its name.
func (c *Checker) checkAccount(ctx context.Context, cl *xtream.Client, src playlist.Source) *Report {
	name := cl.Name()
	if src != nil {
		name = src.Name()
	}
	now := c.opt.Now()
	r := &Report{
		Source: name, Type: TypeXtream, Server: xtream.NormalizeBase(cl.BaseURL),
		Username: cl.Username, CheckedAt: now,
	}
	p := c.pacer(accountKey(cl))

	var info *xtream.Info
	err := p.do(ctx, func() (err error) {
		r.Requests++
		info, err = withTimeout(ctx, c.opt.Timeout, cl.AccountInfo)
		return err
	})
	if err != nil {
		return c.apiFailure(r, err)
	}
	r.Reachable = true
	acct := cl.Account(info)
	c.fillAccount(r, acct, now)
	if o, v := accountProblem(acct, now); o != OK {
		return r.fail(o, v, nil)
	}
	// The report holds what a request sends; it is masked unless ShowSecrets.
	r.GuideURL = cl.Credentials().RequestURL(cl.GuideURL())

	streams, err := c.listStreams(ctx, cl, p, r)
	if err != nil {
		if o := LoadOutcome(err); o == Rejected {
			// The account was accepted a moment ago: a refused list is the
			// list's problem, not the credentials'.
			return r.fail(BadPlaylist, errorVerdict(BadPlaylist, err), err)
		}
		return c.apiFailure(r, err)
	}
	if len(streams) == 0 {
		return r.fail(BadPlaylist, "EMPTY: the account lists no live channels", nil)
	}

	free := -1
	if r.Connections != nil && r.Connections.Max > 0 {
		free = r.Connections.Free
	}
	format := c.format(acct)
	targets := make([]target, 0, MaxProbes)
	for _, s := range streams {
		if len(targets) == cap(targets) {
			break
		}
		targets = append(targets, target{name: s.name, url: cl.Credentials().RequestURL(cl.StreamURL(s.id, format))})
	}
	if res := c.runProbes(ctx, p, r, targets, free, format == "m3u8", acct); res != nil {
		return res
	}
	if free == 0 {
		return r.fail(NoSlot, noSlotVerdict(r.Connections), nil)
	}
	r.Outcome = OK
	r.Verdict = okVerdict(r.Connections, acct, now)
	return r
}

// accountKey names an account for spacing its requests.
func accountKey(cl *xtream.Client) string {
	return "xtream " + xtream.NormalizeBase(cl.BaseURL) + " " + cl.Username
}

func (c *Checker) apiFailure(r *Report, err error) *Report {
	if answered(err) {
		r.Reachable = true
	}
	o := LoadOutcome(err)
	if o == Rejected {
		r.Auth = new(bool)
		return r.fail(o, "REJECTED: the provider does not accept this username and password", err)
	}
	return r.fail(o, errorVerdict(o, err), err)
}

func (c *Checker) fillAccount(r *Report, a *playlist.Account, now time.Time) {
	auth := a.Auth
	r.Auth = &auth
	r.Status = a.Status
	if !a.ExpiresAt.IsZero() {
		exp := a.ExpiresAt.UTC()
		r.ExpiresAt = &exp
		r.DaysLeft = intp(daysLeft(a.ExpiresAt, now))
	}
	if a.MaxConnections > 0 || a.ActiveConnections > 0 {
		r.Connections = &Connections{
			Active: a.ActiveConnections, Max: a.MaxConnections,
			Free: max(0, a.MaxConnections-a.ActiveConnections),
		}
	}
	r.AllowedFormats = a.AllowedFormats
	r.Timezone = a.Timezone
	if !a.ServerTime.IsZero() {
		st := a.ServerTime.UTC()
		r.ServerTime = &st
	}
}

// format picks the container to probe: the one asked for, else ts unless the
// account allows only m3u8.
func (c *Checker) format(a *playlist.Account) string {
	switch f := strings.ToLower(c.opt.Format); f {
	case "m3u8", "hls":
		return "m3u8"
	case "ts":
		return "ts"
	}
	if len(a.AllowedFormats) > 0 && !slices.Contains(a.AllowedFormats, "ts") && slices.Contains(a.AllowedFormats, "m3u8") {
		return "m3u8"
	}
	return "ts"
}

type liveStream struct{ id, name string }

// listStreams reads the categories and the live streams, two requests, and
// fills the playlist size.
func (c *Checker) listStreams(ctx context.Context, cl *xtream.Client, p *pacer, r *Report) ([]liveStream, error) {
	var cats []xtream.Category
	err := p.do(ctx, func() (err error) {
		r.Requests++
		cats, err = withTimeout(ctx, c.opt.Timeout, cl.LiveCategories)
		return err
	})
	if err != nil {
		return nil, err
	}
	var raw []xtream.Stream
	err = p.do(ctx, func() (err error) {
		r.Requests++
		// A big list takes a while to arrive; the client's idle timeout
		// still catches a stall.
		raw, err = withTimeout(ctx, 4*c.opt.Timeout, func(ctx context.Context) ([]xtream.Stream, error) {
			return cl.LiveStreams(ctx, "")
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	names := make(map[xtream.Str]string, len(cats))
	for _, cat := range cats {
		names[cat.ID] = string(cat.Name)
	}
	groups := map[string]bool{}
	out := make([]liveStream, 0, len(raw))
	for _, s := range raw {
		if s.StreamID == "" {
			continue
		}
		if g := names[s.CategoryID]; g != "" {
			groups[g] = true
		}
		out = append(out, liveStream{id: string(s.StreamID), name: string(s.Name)})
	}
	r.Channels = intp(len(out))
	r.Groups = intp(len(groups))
	return out, nil
}

func withTimeout[T any](ctx context.Context, d time.Duration, fn func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return fn(ctx)
}

// answered reports whether a failed request got an HTTP answer.
func answered(err error) bool {
	var pe *playlist.Error
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Problem {
	case playlist.Refused, playlist.NotPlaylist, playlist.TooLarge:
		return true
	}
	return pe.Status != 0
}
