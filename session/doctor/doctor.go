// Package doctor gathers the evidence about a refused stream (the gate's
// view, one account-info answer, tuner's own lease history) and runs the
// diagnosis. It also carries out the fixes the refusal screens offer:
// stopping tuner's own players, taking a slot over from another tuner on
// this machine, waiting politely for a slot, and saving the message for the
// provider. It is plain Go: the TUI calls it from commands.
package doctor

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/xtream"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
)

// AccountInfo asks a provider about an account. For Xtream panels this is
// player_api.php, which uses no stream slot.
type AccountInfo interface {
	AccountInfo(ctx context.Context) (*playlist.Account, error)
}

// AccountFunc adapts a function to AccountInfo.
type AccountFunc func(ctx context.Context) (*playlist.Account, error)

// AccountInfo calls f.
func (f AccountFunc) AccountInfo(ctx context.Context) (*playlist.Account, error) { return f(ctx) }

// Xtream asks an Xtream client for the account info.
func Xtream(c *xtream.Client) AccountInfo {
	return AccountFunc(func(ctx context.Context) (*playlist.Account, error) {
		info, err := c.AccountInfo(ctx)
		var pe *playlist.Error
		if errors.As(err, &pe) && pe.Problem == playlist.Refused && pe.Status == 0 {
			// auth 0: an answer about the account, not a failed request.
			return &playlist.Account{Server: xtream.NormalizeBase(c.BaseURL), Username: c.Username}, nil
		}
		if err != nil {
			return nil, err
		}
		return c.Account(info), nil
	})
}

// Options configure a Doctor.
type Options struct {
	// Store is the lease store the session Manager writes; nil means no
	// lease history (and nothing to stop or take over).
	Store *lease.Store
	// Accounts asks for account info, by source name. Sources not listed
	// have none (plain M3U playlists).
	Accounts map[string]AccountInfo
	// Contacts is the provider's support contact (an e-mail, a web page), by
	// source name, shown on the occupied-slot screen and put in the message.
	Contacts map[string]string
	// MessageDir is where the message for the provider is saved (the state
	// directory); empty disables saving.
	MessageDir string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// WaitInterval and WaitTimeout shape WaitForSlot; see diagnose.Waiter.
	WaitInterval time.Duration
	WaitTimeout  time.Duration
	// Clock drives WaitForSlot; nil is the real clock. For tests.
	Clock  diagnose.Clock
	Logger *slog.Logger
}

// accountTimeout bounds the account-info request of a diagnosis, so a panel
// that hangs delays the explanation only so long.
const accountTimeout = 10 * time.Second

// Doctor diagnoses refusals. It is safe for concurrent use.
type Doctor struct {
	opts Options
	log  *slog.Logger

	mu      sync.Mutex
	checked map[string]time.Time   // last account-info request per source
	results map[string]CheckResult // what the last one answered, per source
}

// New returns a Doctor.
func New(opts Options) *Doctor {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Doctor{opts: opts, log: log, checked: map[string]time.Time{}, results: map[string]CheckResult{}}
}

// Report is a diagnosis with the facts it was made from and what a message
// to the provider would say.
type Report struct {
	diagnose.Diagnosis
	Facts   diagnose.Evidence
	Contact diagnose.ContactInfo
}

// Diagnose explains why the provider refused ch. It asks for the account
// info once when the source has it, and reads tuner's lease history on the
// account, leaving out the attempt that was just refused.
func (d *Doctor) Diagnose(ctx context.Context, ch playlist.Channel, r *session.Refusal) Report {
	e := diagnose.Evidence{Refusal: r, Source: diagnose.SourceHTTP}
	e.About(ch)
	if ai, ok := d.opts.Accounts[ch.Source]; ok {
		e.Source = diagnose.SourceXtream
		actx, cancel := context.WithTimeout(ctx, accountTimeout)
		e.Account, e.AccountErr = d.ask(actx, ch.Source, ai)
		cancel()
	}
	provider, user := accountOf(ch, e.Account)
	e.Own = d.history(provider, user, r)
	e.Now = d.opts.Now()
	rep := Report{Diagnosis: diagnose.Diagnose(e), Facts: e, Contact: diagnose.NewContactInfo(e)}
	rep.Contact.ProviderContact = d.opts.Contacts[ch.Source]
	if rep.Contact.Username == "" {
		rep.Contact.Username = user
	}
	if rep.Contact.ProviderHost == "" {
		rep.Contact.ProviderHost = provider
	}
	d.log.Info("diagnosed", "source", ch.Source, "channel", ch.Name, "kind", rep.Kind.String())
	return rep
}

// ask makes one account-info request and remembers when, so a wait that
// follows keeps its distance from it.
func (d *Doctor) ask(ctx context.Context, source string, ai AccountInfo) (*playlist.Account, error) {
	d.mu.Lock()
	d.checked[source] = d.now()
	d.mu.Unlock()
	a, err := ai.AccountInfo(ctx)
	if err == nil && a == nil {
		err = errors.New("account info: empty answer")
	}
	r := CheckResult{At: d.now(), Err: err}
	if a != nil {
		r.InUse, r.Allowed = a.ActiveConnections, a.MaxConnections
	}
	d.mu.Lock()
	d.results[source] = r
	d.mu.Unlock()
	return a, err
}

// CheckResult is what one account-info request answered, for a screen
// that waits to say when it last asked and what it heard.
type CheckResult struct {
	At             time.Time
	InUse, Allowed int   // connections in use and allowed; Allowed 0 is unknown
	Err            error // the request failed
}

// LastCheck is the last account-info answer for source; false before any.
func (d *Doctor) LastCheck(source string) (CheckResult, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r, ok := d.results[source]
	return r, ok
}

func (d *Doctor) now() time.Time {
	if d.opts.Clock != nil {
		return d.opts.Clock.Now()
	}
	return d.opts.Now()
}

// ErrNoAccountInfo is returned by WaitForSlot for sources that cannot say
// how many connections are in use: waiting would mean retrying the stream,
// which panels punish.
var ErrNoAccountInfo = errors.New("this source has no account info to watch for a free slot")

// WaitForSlot polls the account info of ch's source (never the stream) until
// a connection is free (true), the wait times out (false) or ctx ends. tick
// gets the countdown about once a second.
func (d *Doctor) WaitForSlot(ctx context.Context, ch playlist.Channel, tick func(remaining, next time.Duration)) (bool, error) {
	ai, ok := d.opts.Accounts[ch.Source]
	if !ok {
		return false, ErrNoAccountInfo
	}
	d.mu.Lock()
	last := d.checked[ch.Source]
	d.mu.Unlock()
	w := diagnose.Waiter{
		Interval:  d.opts.WaitInterval,
		Timeout:   d.opts.WaitTimeout,
		LastCheck: last,
		Clock:     d.opts.Clock,
		Check: func(ctx context.Context) (*playlist.Account, error) {
			return d.ask(ctx, ch.Source, ai)
		},
	}
	return w.Run(ctx, tick)
}

// StopAllPlayers stops every player tuner started on this machine and
// releases their leases: the first reboot step, which tuner does itself. It
// returns how many it stopped.
func (d *Doctor) StopAllPlayers(ctx context.Context) (int, error) {
	if d.opts.Store == nil {
		return 0, nil
	}
	stopped, err := session.StopAll(ctx, d.opts.Store)
	return len(stopped), err
}

// TakeOver frees the slot another tuner on this machine holds (see
// session.SlotBusyError); play again afterwards.
func (d *Doctor) TakeOver(ctx context.Context, busy *session.SlotBusyError) error {
	if d.opts.Store == nil {
		return errors.New("taking the slot over: no lease store")
	}
	return session.TakeOver(ctx, d.opts.Store, busy)
}

// SaveMessage writes the message for the provider to MessageDir and returns
// the file's path.
func (d *Doctor) SaveMessage(text string) (string, error) {
	if d.opts.MessageDir == "" {
		return "", errors.New("saving the message for the provider: no directory set")
	}
	return diagnose.SaveMessage(d.opts.MessageDir, text)
}
