package sim

import (
	"strconv"
	"unicode/utf8"
)

// appendPHPString appends s as a JSON string the way PHP's json_encode writes
// it by default, as panels do: "/" escaped as "\/" and everything beyond ASCII
// as \uXXXX (surrogate pairs beyond the BMP). Clients must decode both.
func appendPHPString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		b = appendPHPRune(b, r)
	}
	return append(b, '"')
}

// appendPHPRune appends one rune of a JSON string's contents as
// appendPHPString writes it.
func appendPHPRune(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	u := func(b []byte, r rune) []byte {
		return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	switch {
	case r == '"' || r == '\\' || r == '/':
		return append(b, '\\', byte(r))
	case r == '\n':
		return append(b, '\\', 'n')
	case r < 0x20:
		return u(b, r)
	case r < utf8.RuneSelf:
		return append(b, byte(r))
	case r > 0xffff:
		r -= 0x10000
		return u(u(b, 0xd800+(r>>10)), 0xdc00+(r&0x3ff))
	}
	return u(b, r)
}

// appendLiveStream appends one get_live_streams element, fields in the order
// panels send them.
func appendLiveStream(b []byte, ch Channel, base string, archiveDays int) []byte {
	id := strconv.Itoa(ch.ID)
	cat := strconv.Itoa(ch.CategoryID)
	b = append(b, `{"num":`...)
	b = append(b, id...)
	b = append(b, `,"name":`...)
	b = appendPHPString(b, ch.Name)
	b = append(b, `,"stream_type":"live","stream_id":`...)
	b = append(b, id...)
	b = append(b, `,"stream_icon":`...)
	if ch.HasLogo {
		b = appendPHPString(b, logoURL(base, ch.ID))
	} else {
		b = append(b, `""`...)
	}
	b = append(b, `,"epg_channel_id":`...)
	if ch.TvgID != "" {
		b = appendPHPString(b, ch.TvgID)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"added":"`...)
	b = strconv.AppendInt(b, int64(createdAt+ch.ID*60), 10)
	b = append(b, `","is_adult":"0","category_id":"`...)
	b = append(b, cat...)
	b = append(b, `","category_ids":[`...)
	b = append(b, cat...)
	archive := 0
	if archiveDays > 0 {
		archive = 1
	}
	b = append(b, `],"custom_sid":"","tv_archive":`...)
	b = strconv.AppendInt(b, int64(archive), 10)
	b = append(b, `,"direct_source":"","tv_archive_duration":`...)
	b = strconv.AppendInt(b, int64(archiveDays), 10)
	b = append(b, '}')
	return b
}
