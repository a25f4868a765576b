package config

import (
	"strings"
	"testing"
	"time"
)

func TestRecordDefaultsAndSettings(t *testing.T) {
	c, _, err := Parse("/cfg/config.toml", "", true)
	if err != nil || c.Record.Before != 2*time.Minute || c.Record.After != 5*time.Minute || c.Record.Dir != "" {
		t.Fatalf("defaults %+v, %v", c.Record, err)
	}
	c, _, err = Parse("/cfg/config.toml", "[record]\nbefore = \"0\"\nafter = \"15m\"\ndir = \"rec\"\n", true)
	if err != nil || c.Record.Before != 0 || c.Record.After != 15*time.Minute || c.Record.Dir != "/cfg/rec" {
		t.Errorf("set %+v, %v", c.Record, err)
	}
}

func TestRecordMistakes(t *testing.T) {
	for _, tc := range []struct{ text, key, says string }{
		{"[record]\nbefore = \"2 minutes\"\n", "record.before", "not a duration"},
		{"[record]\nafter = \"-5m\"\n", "record.after", "negative"},
		{"[record]\nafter = \"20h\"\n", "record.after", "at most 2h"},
		{"[record]\nbefore = 2\n", "record.before", "must be a string"},
		{"[record]\ndir = \"\"\n", "record.dir", "must not be empty"},
		{"[record]\ndir = \"http://h/x\"\n", "record.dir", "not a URL"},
		{"[record]\npadding = \"2m\"\n", "record.padding", "known here: dir, before, after, remux"},
		{"[record]\nremux = \"mp4\"\n", "record.remux", `"mp4" is not known`},
		{"[record]\nremux = true\n", "record.remux", "must be a string"},
		{"record = 1\n", "record", "[record] table"},
	} {
		_, _, err := Parse("/cfg/config.toml", tc.text, true)
		if err == nil || !strings.Contains(err.Error(), tc.key) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: err %v, want %s: %s", tc.text, err, tc.key, tc.says)
		}
	}
}

func TestRecordRemux(t *testing.T) {
	for text, want := range map[string]string{
		"":                             "",
		"[record]\nremux = \"mkv\"\n":  "mkv",
		"[record]\nremux = \"MKV\"\n":  "mkv",
		"[record]\nremux = \"none\"\n": "",
		"[record]\nremux = \"\"\n":     "",
	} {
		c, _, err := Parse("/cfg/config.toml", text, true)
		if err != nil || c.Record.Remux != want {
			t.Errorf("%q: remux %q, %v; want %q", text, c.Record.Remux, err, want)
		}
	}
	_, _, err := Parse("/cfg/config.toml", "[record]\nremux = \"avi\"\n", true)
	if err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), "/cfg/config.toml") {
		t.Errorf("remux = avi: %v; want one line naming the file", err)
	}
}
