package gate

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// BodyExcerpt is how much of an error body the gate keeps.
const BodyExcerpt = 2048

// Refusal is the provider's answer when it would not serve a stream or a part
// of one. It is the one refusal type: session names it session.Refusal, and
// the checks and diagnoses above session read it under that name.
type Refusal struct {
	Status   int
	Header   http.Header
	Body     []byte // the first BodyExcerpt bytes
	URL      string // masked
	At       time.Time
	Err      error  // network failure when there was no HTTP answer; its text is masked
	Resource string // "stream", "playlist", "segment" or "key"
}

// RefusedError is returned by Open, and by session's Play, when the provider
// said no. Its text is what a status bar shows, so it names the answer and
// never a URL.
type RefusedError struct{ Refusal *Refusal }

func (e *RefusedError) Error() string {
	if e.Refusal.Err != nil {
		// Refusals made outside the gate may carry an unmasked error.
		return "stream refused: " + playlist.MaskURL(e.Refusal.Err.Error())
	}
	return fmt.Sprintf("stream refused with HTTP %d %s", e.Refusal.Status, http.StatusText(e.Refusal.Status))
}

func refusalFromResponse(resp *http.Response, url, resource string) *Refusal {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, BodyExcerpt))
	// A panel may echo the request (a Location header, an error page quoting
	// the URL): mask what it says back, as everything else is.
	header := resp.Header.Clone()
	for _, vals := range header {
		for i, v := range vals {
			vals[i] = playlist.MaskURL(v)
		}
	}
	if masked := playlist.MaskURL(string(body)); masked != string(body) {
		body = []byte(masked)
	}
	return &Refusal{
		Status:   resp.StatusCode,
		Header:   header,
		Body:     body,
		URL:      playlist.MaskURL(url),
		At:       time.Now(),
		Resource: resource,
	}
}

func refusalFromError(err error, url, resource string) *Refusal {
	return &Refusal{URL: playlist.MaskURL(url), At: time.Now(), Err: maskErr(err), Resource: resource}
}

// maskedError keeps the cause for errors.Is/As (a diagnosis looks for DNS,
// TLS or timeout errors) while its text never shows a password: net/http
// quotes the whole URL in its errors.
type maskedError struct{ err error }

func (e maskedError) Error() string { return playlist.MaskURL(e.err.Error()) }
func (e maskedError) Unwrap() error { return e.err }

func maskErr(err error) error {
	var m maskedError
	if err == nil || errors.As(err, &m) {
		return err
	}
	return maskedError{err}
}
