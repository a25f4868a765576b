package check

import "time"

// Report is what checking one source found. Its JSON form is the output of
// `tuner check --json`, one object per source per line. Every field is always
// present, null when unknown, and fields are never renamed or removed:
//
//	source           source name: "user@host" for an account, host/path or file name for a playlist
//	type             "xtream" (an account read through player_api.php) or "playlist"
//	server           provider base URL without credentials; "" for playlists
//	username         account username; "" for playlists
//	checked_at       when the check started (RFC 3339)
//	reachable        the provider answered over HTTP, whatever the status
//	auth             the credentials were accepted; null when not known
//	status           account status as the panel names it (Active, Expired, Banned, Disabled); "" when unknown
//	expires_at       expiry date (RFC 3339); null when the account never expires or it is unknown
//	days_left        whole days until expires_at, negative once past; null with expires_at
//	connections      {"active": in use, "max": allowed (0 when not said), "free": max-active}; null when unknown
//	allowed_formats  stream containers the account may use, e.g. ["m3u8","ts"]; [] when unknown
//	timezone         the server's time zone; "" when unknown
//	server_time      the server's clock (RFC 3339); null when unknown
//	channels         live channels listed; null when the list was not read
//	groups           groups (categories) that hold at least one channel; null with channels
//	guide_url        XMLTV guide URL, password masked; "" when none
//	probes           streams opened, in order: channel, url (masked), format ("ts" or "hls"),
//	                 status (HTTP, 0 when none came), ok, seconds (time spent reading),
//	                 bytes (received), media_seconds (HLS: length of the segment read; 0 for TS),
//	                 bytes_per_second (the stream's data rate: TS bytes received per second
//	                 of reading, HLS segment bytes per second of media), variants (HLS:
//	                 resolution, bandwidth in bits per second, codecs), error ("" when ok)
//	probe_note       why fewer streams were probed than asked (or none); "" otherwise
//	requests         HTTP requests sent to the provider, stream requests included
//	outcome          ok, credentials, account, no-slot, unreachable, playlist or error
//	exit_code        the exit code this source alone would give (see Outcome.ExitCode)
//	verdict          one line for a person, e.g. "OK: 1 of 1 connections free, expires in 23 days"
//	error            the failure in one line, password masked; "" when none
type Report struct {
	Source         string       `json:"source"`
	Type           string       `json:"type"`
	Server         string       `json:"server"`
	Username       string       `json:"username"`
	CheckedAt      time.Time    `json:"checked_at"`
	Reachable      bool         `json:"reachable"`
	Auth           *bool        `json:"auth"`
	Status         string       `json:"status"`
	ExpiresAt      *time.Time   `json:"expires_at"`
	DaysLeft       *int         `json:"days_left"`
	Connections    *Connections `json:"connections"`
	AllowedFormats []string     `json:"allowed_formats"`
	Timezone       string       `json:"timezone"`
	ServerTime     *time.Time   `json:"server_time"`
	Channels       *int         `json:"channels"`
	Groups         *int         `json:"groups"`
	GuideURL       string       `json:"guide_url"`
	Probes         []Probe      `json:"probes"`
	ProbeNote      string       `json:"probe_note"`
	Requests       int          `json:"requests"`
	Outcome        Outcome      `json:"outcome"`
	ExitCode       int          `json:"exit_code"`
	Verdict        string       `json:"verdict"`
	Error          string       `json:"error"`
}

// Source types.
const (
	TypeXtream   = "xtream"
	TypePlaylist = "playlist"
)

// Connections is the account's slot count as the panel reports it.
type Connections struct {
	Active int `json:"active"`
	Max    int `json:"max"`
	Free   int `json:"free"`
}

// Probe is one stream opened, read for a few seconds and closed.
type Probe struct {
	Channel        string    `json:"channel"`
	URL            string    `json:"url"`
	Format         string    `json:"format"`
	Status         int       `json:"status"`
	OK             bool      `json:"ok"`
	Seconds        float64   `json:"seconds"`
	Bytes          int64     `json:"bytes"`
	MediaSeconds   float64   `json:"media_seconds"`
	BytesPerSecond int64     `json:"bytes_per_second"`
	Variants       []Variant `json:"variants"`
	Error          string    `json:"error"`
}

// Variant is one rendition an HLS master playlist offers.
type Variant struct {
	Resolution string `json:"resolution"`
	Bandwidth  int    `json:"bandwidth"`
	Codecs     string `json:"codecs"`
}

// Probe formats.
const (
	FormatTS  = "ts"
	FormatHLS = "hls"
)

// normalize replaces nil slices with empty ones, so the JSON shape never
// changes between null and [].
func (r *Report) normalize() {
	if r.AllowedFormats == nil {
		r.AllowedFormats = []string{}
	}
	if r.Probes == nil {
		r.Probes = []Probe{}
	}
	for i := range r.Probes {
		if r.Probes[i].Variants == nil {
			r.Probes[i].Variants = []Variant{}
		}
	}
}

// scrub masks every string a secret could reach.
func (r *Report) scrub(mask func(string) string) {
	r.Source = mask(r.Source)
	r.Server = mask(r.Server)
	r.GuideURL = mask(r.GuideURL)
	r.ProbeNote = mask(r.ProbeNote)
	r.Verdict = mask(r.Verdict)
	r.Error = mask(r.Error)
	for i := range r.Probes {
		p := &r.Probes[i]
		p.Channel = mask(p.Channel)
		p.URL = mask(p.URL)
		p.Error = mask(p.Error)
	}
}
