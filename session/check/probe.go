package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/words"

	"github.com/tuner-iptv/tuner/internal/httpc"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// target is a stream to probe.
type target struct {
	name    string
	url     string
	headers []playlist.Header
}

func (t target) hls() bool { return isHLSURL(t.url) }

// planProbes decides how many streams to open. free is the account's free
// slots, -1 when unknown; hls says the probes are HLS, whose connections
// panels keep counting for a while after the last request, so each one holds
// a slot for the rest of the run. It never plans more HLS probes than free
// slots, and none at all when no slot is free.
func planProbes(asked, free, available int, hls bool) (n int, note string) {
	want := asked
	if want == ProbeAuto {
		want = 1
	}
	want = min(want, MaxProbes)
	switch {
	case want <= 0:
		return 0, ""
	case available == 0:
		return 0, "no stream probed: the list has no channels"
	case free == 0:
		if asked == ProbeAuto {
			return 0, "no stream probed: no connection slot is free"
		}
		return 0, "no stream probed: no connection slot is free, and opening one would take it from the device using it or be refused"
	}
	n = min(want, available)
	limit := free
	if limit < 0 {
		limit = 1 // unknown: assume the usual one-connection account
	}
	if hls && n > limit {
		n = limit
		note = fmt.Sprintf("probed %d of %d streams: HLS connections stay counted for a while after they close, and %d %s free",
			n, want, limit, words.Plural(limit, "slot is", "slots are"))
	} else if n < want {
		note = fmt.Sprintf("probed %d of %d streams: the list has only %d", n, want, available)
	}
	return n, note
}

// runProbes opens the planned streams one after another. It returns a report
// with the failure when a stream was refused or broke, nil when every probe
// played. acct is the account info, nil for plain playlists.
func (c *Checker) runProbes(ctx context.Context, p *pacer, r *Report, ts []target, free int, hls bool, acct *playlist.Account) *Report {
	n, note := planProbes(c.opt.Probe, free, len(ts), hls)
	r.ProbeNote = note
	for _, t := range ts[:n] {
		var pr Probe
		var ref *session.Refusal
		err := p.do(ctx, func() error {
			r.Requests++
			pr, ref = c.probe(ctx, t, &r.Requests)
			return ctx.Err()
		})
		if err != nil {
			return r.fail(Failed, "ERROR: check interrupted", err)
		}
		r.Probes = append(r.Probes, pr)
		if pr.Format == FormatHLS && r.ProbeNote == "" {
			r.ProbeNote = "the provider keeps counting an HLS connection for up to a minute after its last request"
		}
		if pr.OK {
			r.Reachable = true
			continue
		}
		return c.probeFailure(r, pr, ref, acct)
	}
	return nil
}

// probeFailure explains a stream that was refused or broke.
func (c *Checker) probeFailure(r *Report, pr Probe, ref *session.Refusal, acct *playlist.Account) *Report {
	if pr.Status != 0 {
		r.Reachable = true
	}
	if ref == nil {
		return r.fail(Unreachable, fmt.Sprintf("UNREACHABLE: stream %q: %s", pr.Channel, pr.Error), nil)
	}
	ev := diagnose.Evidence{Refusal: ref, Account: acct, Source: diagnose.SourceHTTP, Now: c.opt.Now()}
	if acct != nil {
		ev.Source = diagnose.SourceXtream
	}
	d := diagnose.Diagnose(ev)
	o := kindOutcome(d.Kind)
	word := map[Outcome]string{
		NoSlot: "NO FREE SLOT", Rejected: "REJECTED", Unusable: "REFUSED",
		Unreachable: "UNREACHABLE", BadPlaylist: "CHANNEL MISSING",
	}[o]
	switch {
	case word == "" || d.Kind == diagnose.IPLock:
		word = "REFUSED"
	case d.Kind == diagnose.RateLimited:
		word = "RATE LIMITED"
	}
	return r.fail(o, fmt.Sprintf("%s: stream %q %s (%s)", word, pr.Channel, pr.Error, strings.ToLower(d.Title)), nil)
}

// probe opens one stream, reads it for ProbeTime and closes it. The
// connection is never reused: once probe returns, the provider has seen it
// close. extra counts requests beyond the first (HLS playlists and segments).
func (c *Checker) probe(ctx context.Context, t target, extra *int) (Probe, *session.Refusal) {
	pr := Probe{Channel: t.name, URL: t.url, Format: FormatTS}
	if t.hls() {
		pr.Format = FormatHLS
	}
	hc := httpc.New(httpc.Options{ConnectTimeout: c.opt.Timeout, HeaderTimeout: c.opt.Timeout, DisableKeepAlives: true})
	defer hc.CloseIdleConnections()

	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	resp, ref := c.open(ctx, hc, t, t.url, &pr)
	if ref != nil {
		return pr, ref
	}
	defer resp.Body.Close()
	if pr.Format == FormatHLS || isHLSType(resp.Header.Get("Content-Type")) {
		pr.Format = FormatHLS
		return c.readHLS(ctx, stop, hc, t, resp, &pr, extra)
	}
	c.readStream(ctx, stop, resp.Body, &pr, true)
	return pr, nil
}

// open sends one GET and turns anything but a 2xx into a refusal.
func (c *Checker) open(ctx context.Context, hc *http.Client, t target, url string, pr *Probe) (*http.Response, *session.Refusal) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		pr.Error = "bad stream URL"
		return nil, &session.Refusal{URL: playlist.MaskURL(url), At: time.Now(), Err: errors.New(pr.Error)}
	}
	for _, h := range t.headers {
		req.Header.Set(h.Name, h.Value)
	}
	if c.opt.UserAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.opt.UserAgent)
	}
	resp, err := hc.Do(req)
	if err != nil {
		pr.Error = networkText(err)
		return nil, &session.Refusal{URL: playlist.MaskURL(url), At: time.Now(), Err: errors.New(playlist.MaskURL(err.Error()))}
	}
	pr.Status = resp.StatusCode
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return resp, nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	resp.Body.Close()
	pr.Error = fmt.Sprintf("refused with HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	return nil, &session.Refusal{
		Status: resp.StatusCode, Header: resp.Header, Body: body,
		URL: playlist.MaskURL(url), At: time.Now(), Resource: "stream",
	}
}

// readStream reads body until ProbeTime passes, ending the request through
// stop, and adds to the byte counts. continuous says the body is a live
// stream that should not end on its own.
func (c *Checker) readStream(ctx context.Context, stop context.CancelCauseFunc, body io.Reader, pr *Probe, continuous bool) {
	timer := time.AfterFunc(c.opt.ProbeTime, func() { stop(errProbeDone) })
	defer timer.Stop()
	start := time.Now()
	n, err := io.Copy(io.Discard, body)
	elapsed := time.Since(start)
	pr.Bytes += n
	pr.Seconds += elapsed.Seconds()
	if pr.Seconds > 0 {
		pr.BytesPerSecond = int64(float64(pr.Bytes) / pr.Seconds)
	}
	timeUp := errors.Is(context.Cause(ctx), errProbeDone)
	switch {
	case pr.Bytes == 0:
		pr.Error = fmt.Sprintf("no data in %.1f s", elapsed.Seconds())
	case continuous && !timeUp:
		why := "the provider ended it"
		if err != nil {
			why = "the connection broke"
		}
		pr.Error = fmt.Sprintf("the stream stopped after %.1f s (%s)", elapsed.Seconds(), why)
	case err != nil && !timeUp:
		pr.Error = "the connection broke"
	default:
		pr.OK = true
	}
}

var errProbeDone = errors.New("probe time is up")

func networkText(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case strings.Contains(err.Error(), "connection refused"):
		return "cannot connect: connection refused"
	}
	return "cannot connect"
}

func isHLSURL(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return strings.HasSuffix(strings.ToLower(u), ".m3u8")
}

func isHLSType(ct string) bool {
	ct = strings.ToLower(ct)
	return strings.Contains(ct, "mpegurl")
}
