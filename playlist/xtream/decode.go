package xtream

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// errRejected is an answer that means the panel did not accept the
// credentials: {"user_info":{"auth":0}}, an empty array, or nothing at all.
var errRejected = errors.New("credentials rejected")

// errNotAPI is an answer that is not the JSON an Xtream panel sends.
var errNotAPI = errors.New("not an Xtream Codes API answer")

// Info is what player_api.php says about the account and the server.
type Info struct {
	User   UserInfo   `json:"user_info"`
	Server ServerInfo `json:"server_info"`
}

// UserInfo is the account part of the answer. The password the panel echoes
// back is deliberately not decoded.
type UserInfo struct {
	Username       Str  `json:"username"`
	Message        Str  `json:"message"`
	Auth           Bool `json:"auth"`
	Status         Str  `json:"status"`
	ExpDate        Int  `json:"exp_date"` // epoch seconds; 0 when unlimited
	IsTrial        Bool `json:"is_trial"`
	ActiveCons     Int  `json:"active_cons"`
	CreatedAt      Int  `json:"created_at"`
	MaxConnections Int  `json:"max_connections"`
	AllowedFormats Strs `json:"allowed_output_formats"`
}

// ServerInfo is the server part of the answer.
type ServerInfo struct {
	URL          Str `json:"url"`
	Port         Str `json:"port"`
	HTTPSPort    Str `json:"https_port"`
	Protocol     Str `json:"server_protocol"`
	RTMPPort     Str `json:"rtmp_port"`
	Timezone     Str `json:"timezone"`
	TimestampNow Int `json:"timestamp_now"`
	TimeNow      Str `json:"time_now"`
}

// Category is one live category.
type Category struct {
	ID       Str `json:"category_id"`
	Name     Str `json:"category_name"`
	ParentID Str `json:"parent_id"`
}

// Stream is one live stream as get_live_streams lists it.
type Stream struct {
	Num               Int  `json:"num"`
	Name              Str  `json:"name"`
	StreamType        Str  `json:"stream_type"`
	StreamID          Str  `json:"stream_id"`
	StreamIcon        Str  `json:"stream_icon"`
	EPGChannelID      Str  `json:"epg_channel_id"`
	Added             Str  `json:"added"`
	CategoryID        Str  `json:"category_id"`
	CustomSID         Str  `json:"custom_sid"`
	TVArchive         Bool `json:"tv_archive"`
	TVArchiveDuration Int  `json:"tv_archive_duration"`
	DirectSource      Str  `json:"direct_source"`
}

// Listing is one programme from get_short_epg, with title and description
// decoded from the base64 panels send.
type Listing struct {
	ID          string
	EPGID       string
	ChannelID   string
	Lang        string
	Title       string
	Description string
	Start, End  time.Time
}

type rawListing struct {
	ID             Str `json:"id"`
	EPGID          Str `json:"epg_id"`
	Title          Str `json:"title"`
	Lang           Str `json:"lang"`
	Start          Str `json:"start"`
	End            Str `json:"end"`
	Description    Str `json:"description"`
	ChannelID      Str `json:"channel_id"`
	StartTimestamp Int `json:"start_timestamp"`
	StopTimestamp  Int `json:"stop_timestamp"`
}

// DecodeAccount decodes a player_api.php answer without an action. It
// returns errRejected when the panel refused the credentials in any of the
// ways panels do.
func DecodeAccount(data []byte) (*Info, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || isEmptyJSON(data) {
		return nil, errRejected
	}
	if data[0] != '{' {
		return nil, errNotAPI
	}
	var info Info
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, errNotAPI
	}
	if !info.User.Auth {
		return nil, errRejected
	}
	return &info, nil
}

// DecodeCategories decodes get_live_categories.
func DecodeCategories(data []byte) ([]Category, error) {
	var cats []Category
	return cats, decodeList(data, &cats)
}

// DecodeStreams decodes get_live_streams.
func DecodeStreams(data []byte) ([]Stream, error) {
	if streams, ok := decodeStreamsFast(data); ok {
		return streams, nil
	}
	var streams []Stream
	return streams, decodeList(data, &streams)
}

// decodeList reads a JSON array. Some panels answer an action with an
// object instead: {"user_info":{"auth":0}} when the credentials are wrong,
// or {} / null for "nothing here".
func decodeList(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || isEmptyJSON(data) {
		return nil
	}
	if data[0] == '{' {
		var probe struct {
			User *struct {
				Auth Bool `json:"auth"`
			} `json:"user_info"`
		}
		if json.Unmarshal(data, &probe) == nil && probe.User != nil && !probe.User.Auth {
			return errRejected
		}
		return objectAsList(data, v)
	}
	if data[0] != '[' {
		return errNotAPI
	}
	if err := json.Unmarshal(data, v); err != nil {
		return errNotAPI
	}
	return nil
}

// objectAsList accepts the {"1": {...}, "2": {...}} shape some panels use
// for lists.
func objectAsList(data []byte, v any) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return errNotAPI
	}
	parts := make([][]byte, 0, len(m))
	for _, raw := range m {
		if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	arr := append(append([]byte("["), bytes.Join(parts, []byte(","))...), ']')
	if err := json.Unmarshal(arr, v); err != nil {
		return errNotAPI
	}
	return nil
}

func isEmptyJSON(b []byte) bool {
	s := string(b)
	return s == "[]" || s == "{}" || s == "null" || s == `""` || s == "false" || s == "0"
}

// DecodeShortEPG decodes get_short_epg.
func DecodeShortEPG(data []byte) ([]Listing, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || isEmptyJSON(data) {
		return nil, nil
	}
	var raw struct {
		Listings []rawListing `json:"epg_listings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, errNotAPI
	}
	out := make([]Listing, 0, len(raw.Listings))
	for _, r := range raw.Listings {
		out = append(out, Listing{
			ID:          string(r.ID),
			EPGID:       string(r.EPGID),
			ChannelID:   string(r.ChannelID),
			Lang:        string(r.Lang),
			Title:       decodeBase64(string(r.Title)),
			Description: decodeBase64(string(r.Description)),
			Start:       listingTime(r.StartTimestamp, string(r.Start)),
			End:         listingTime(r.StopTimestamp, string(r.End)),
		})
	}
	return out, nil
}

// decodeBase64 undoes the base64 panels wrap EPG text in; text that is not
// base64 (some panels send it plain) is kept as it is.
func decodeBase64(s string) string {
	if s == "" {
		return s
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		// Plain text that happens to be valid base64 rarely decodes to UTF-8.
		if b, err := enc.DecodeString(s); err == nil && utf8.Valid(b) {
			return string(b)
		}
	}
	return s
}

// listingTime prefers the epoch timestamp; the "2006-01-02 15:04:05" text is
// in the panel's time zone, which is unknown here, so it is read as UTC.
func listingTime(epoch Int, text string) time.Time {
	if epoch > 0 {
		return time.Unix(int64(epoch), 0)
	}
	if t, err := time.Parse(time.DateTime, strings.TrimSpace(text)); err == nil {
		return t
	}
	return time.Time{}
}
