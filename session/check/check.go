// Package check tests a provider account or playlist the way a careful person
// would before sitting down to watch: is it reachable, are the credentials
// accepted, is the account active and until when, how many connections are
// in use, how big is the playlist, and does a stream actually play.
//
// It is polite by construction: a handful of requests per source, spaced
// out, and stream probes that never hold more connections at once than the
// account has free, each closed before the next opens. Nothing it returns
// carries a password unless ShowSecrets is set.
package check

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// Defaults for Options fields left zero.
const (
	DefaultPace      = time.Second
	DefaultProbeTime = 3 * time.Second
	DefaultTimeout   = 15 * time.Second
	// MaxProbes caps --probe: a check is a handful of requests, not a scan.
	MaxProbes = 5
)

// ProbeAuto asks for the default: one stream when a slot is free, none when
// none is.
const ProbeAuto = -1

// Options sets how checks run. The zero value is usable (with Probe 0: no
// stream is opened); set Probe to ProbeAuto for the command's default.
type Options struct {
	// Probe is how many streams to open one after another; ProbeAuto for the
	// default. It is capped at MaxProbes and by the free slots.
	Probe int
	// Format is the container to probe on an account: "ts" or "m3u8"
	// (HLS); "" picks ts unless the account allows only m3u8.
	Format string
	// ProbeTime is how long each stream is read; default 3 s.
	ProbeTime time.Duration
	// Pace is the least time between two requests to one source; default
	// 1 s. Negative means no wait (for tests against a local simulator).
	Pace time.Duration
	// Timeout bounds each request's wait for an answer; default 15 s.
	Timeout time.Duration
	// UserAgent is sent with stream requests; the source's own is used for
	// its API and playlist requests.
	UserAgent string
	// ShowSecrets leaves passwords in the report.
	ShowSecrets bool
	// Secrets are masked in every string of the report, besides the
	// password of an Xtream account, which is always masked.
	Secrets []string

	// Now and Sleep replace the clock in tests; nil means the real one.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o Options) withDefaults() Options {
	if o.ProbeTime <= 0 {
		o.ProbeTime = DefaultProbeTime
	}
	if o.Pace == 0 {
		o.Pace = DefaultPace
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Probe > MaxProbes {
		o.Probe = MaxProbes
	}
	return o
}

// Checker checks sources one after another, keeping the spacing between
// requests to the same source across the whole run.
type Checker struct {
	opt    Options
	pacers map[string]*pacer
}

// New returns a Checker with opt.
func New(opt Options) *Checker {
	return &Checker{opt: opt.withDefaults(), pacers: map[string]*pacer{}}
}

// accountSource is a Source backed by an Xtream account (playlist/source's
// Xtream); *xtream.Client itself is handled too.
type accountSource interface {
	Client() *xtream.Client
}

// Check checks one source. It always returns a report; the report's Outcome
// says whether the source is usable.
func (c *Checker) Check(ctx context.Context, src playlist.Source) *Report {
	var r *Report
	var secrets []string
	switch s := src.(type) {
	case accountSource:
		secrets = append(secrets, s.Client().Password)
		r = c.checkAccount(ctx, s.Client(), src)
		if r.Outcome == BadPlaylist && r.Auth == nil {
			// Not an Xtream panel after all: a get.php URL can still be a
			// plain playlist, which the source falls back to reading.
			// The source asks the API once more before it falls back.
			if pr := c.checkPlaylist(ctx, src, accountKey(s.Client()), r.Requests+1); pr.Outcome == OK {
				r = pr
			}
		}
	case *xtream.Client:
		secrets = append(secrets, s.Password)
		r = c.checkAccount(ctx, s, nil)
	default:
		r = c.checkPlaylist(ctx, src, "playlist "+src.Name(), 0)
	}
	r.ExitCode = r.Outcome.ExitCode()
	r.normalize()
	if !c.opt.ShowSecrets {
		secrets = append(secrets, c.opt.Secrets...)
		r.scrub(func(s string) string {
			return playlist.MaskSecret(playlist.MaskURL(s), secrets...)
		})
	}
	return r
}

func (c *Checker) pacer(key string) *pacer {
	p, ok := c.pacers[key]
	if !ok {
		p = &pacer{gap: c.opt.Pace, now: c.opt.Now, sleep: c.opt.Sleep}
		c.pacers[key] = p
	}
	return p
}

// fail records a failed step.
func (r *Report) fail(o Outcome, verdict string, err error) *Report {
	r.Outcome = o
	r.Verdict = verdict
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

func errorVerdict(o Outcome, err error) string {
	word := map[Outcome]string{
		Rejected:    "REJECTED",
		Unusable:    "NOT USABLE",
		NoSlot:      "NO FREE SLOT",
		Unreachable: "UNREACHABLE",
		BadPlaylist: "BAD PLAYLIST",
	}[o]
	if word == "" {
		word = "ERROR"
	}
	if isRateLimited(err) {
		word = "RATE LIMITED" // reachable, and refusing only for now
	}
	return word + ": " + detailOf(err)
}

// detailOf is the error's detail without the source name, which the report
// already carries.
func detailOf(err error) string {
	if pe, ok := err.(*playlist.Error); ok && pe.Detail != "" {
		return pe.Detail
	}
	return err.Error()
}

func isRateLimited(err error) bool {
	var pe *playlist.Error
	return errors.As(err, &pe) && pe.Status == http.StatusTooManyRequests
}

func intp(n int) *int { return &n }
