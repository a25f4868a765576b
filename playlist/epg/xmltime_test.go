package epg

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // RFC 3339 in UTC; "" when the input must be refused
	}{
		{"offset plus", "20261123120000 +0100", "2026-11-23T11:00:00Z"},
		{"offset minus", "20261123120000 -0530", "2026-11-23T17:30:00Z"},
		{"no offset is UTC", "20261123120000", "2026-11-23T12:00:00Z"},
		{"offset without space", "20261123120000+0200", "2026-11-23T10:00:00Z"},
		{"offset with colon", "20261123120000 +01:00", "2026-11-23T11:00:00Z"},
		{"hours-only offset", "20261123120000 +02", "2026-11-23T10:00:00Z"},
		{"Z", "20261123120000 Z", "2026-11-23T12:00:00Z"},
		{"GMT", "20261123120000 GMT", "2026-11-23T12:00:00Z"},
		{"minutes precision", "202611231230 +0000", "2026-11-23T12:30:00Z"},
		{"hours precision", "2026112312", "2026-11-23T12:00:00Z"},
		{"date only", "20261123", "2026-11-23T00:00:00Z"},
		{"surrounding space", "  20261123120000 +0000 ", "2026-11-23T12:00:00Z"},
		{"offset crosses midnight", "20260101003000 +0100", "2025-12-31T23:30:00Z"},
		{"leap day", "20280229120000", "2028-02-29T12:00:00Z"},
		{"before 1970", "19691231235959", "1969-12-31T23:59:59Z"},
		{"no leap day", "20270229120000", ""},
		{"month 13", "20261323120000", ""},
		{"hour 24", "20261123240000", ""},
		{"odd digits", "2026112312000", ""},
		{"too short", "2026", ""},
		{"empty", "", ""},
		{"letters", "2026112312000a", ""},
		{"offset too large", "20261123120000 +1500", ""},
		{"named zone, the DTD's example", "20010829000500 BST", "2001-08-28T23:05:00Z"},
		{"named zone without space", "20261123120000CET", "2026-11-23T11:00:00Z"},
		{"named zone west", "20261123120000 PST", "2026-11-23T20:00:00Z"},
		{"named zone half hour", "20261123120000 ACST", "2026-11-23T02:30:00Z"},
		{"ambiguous zone", "20261123120000 IST", ""},
		{"offset junk", "20261123120000 XYZ", ""},
		{"offset minutes junk", "20261123120000 +0170", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseTime([]byte(tt.in))
			if tt.want == "" {
				if ok {
					t.Errorf("parseTime(%q) = %v, want refusal", tt.in, time.Unix(got, 0).UTC())
				}
				return
			}
			want, _ := time.Parse(time.RFC3339, tt.want)
			if !ok || got != want.Unix() {
				t.Errorf("parseTime(%q) = %v %v, want %v", tt.in, time.Unix(got, 0).UTC(), ok, want)
			}
		})
	}
}

func TestXmltvNS(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.4.", "S01E05"},
		{"1.4/10.0/1", "S02E05"},
		{" 2 . 9 . ", "S03E10"},
		{".4.", "E05"},
		{"3..", "S04"},
		{"..0", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := xmltvNS([]byte(tt.in)); got != tt.want {
			t.Errorf("xmltvNS(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
