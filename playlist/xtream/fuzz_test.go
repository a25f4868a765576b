package xtream

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, prefix string) {
	files, _ := filepath.Glob(filepath.Join("testdata", prefix+"*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{``, `[]`, `{}`, `null`, `[{}]`, `{"a":{}}`, `{"user_info":{"auth":0}}`, `[{"num":"1e400","stream_id":[]}]`} {
		f.Add([]byte(s))
	}
}

// An answer of n bytes may never decode into more than about n/2 values:
// each element needs at least "{}," in the input.
func FuzzDecodeAccount(f *testing.F) {
	addSeeds(f, "account")
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := DecodeAccount(data)
		if err == nil && len(info.User.AllowedFormats) > len(data)/2 {
			t.Fatalf("%d formats from %d bytes", len(info.User.AllowedFormats), len(data))
		}
		if err == nil && !bool(info.User.Auth) {
			t.Fatal("accepted an account without auth")
		}
	})
}

func FuzzDecodeStreams(f *testing.F) {
	addSeeds(f, "streams")
	f.Fuzz(func(t *testing.T, data []byte) {
		streams, err := DecodeStreams(data)
		if err == nil && len(streams) > len(data)/2 {
			t.Fatalf("%d streams from %d bytes", len(streams), len(data))
		}
		for _, s := range streams {
			if len(s.Name)+len(s.StreamID)+len(s.StreamIcon) > len(data) {
				t.Fatal("decoded text longer than the input")
			}
		}
	})
}

// The fast stream decoder must agree with encoding/json on everything it
// accepts, and accept nothing encoding/json rejects.
func FuzzStreamsFastMatchesJSON(f *testing.F) {
	addSeeds(f, "streams")
	for _, s := range []string{
		`[{"NUM":"7","Name":"x"}]`, `[{"name":"a","name":"b"}]`, `[{"name":"\u00e9\n"}]`, `[{"num":1e3}]`,
		`[{"extra":{"a":[1,2,{"b":null}]}}]`, `[{"name":"\xff"}]`, `[{"ſtream_id":"1"}]`, `[1]`, `[{}] x`, `[{"num":01}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeStreamsFast(data)
		if !ok {
			return
		}
		var want []Stream
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("fast path accepted what encoding/json rejects: %v", err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d streams, encoding/json %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("stream %d\nfast %+v\njson %+v", i, got[i], want[i])
			}
		}
	})
}

// unquote must read every string exactly as encoding/json does.
func FuzzUnquoteMatchesJSON(f *testing.F) {
	for _, s := range []string{`"a"`, `"http:\/\/x\/1.png"`, `"\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`,
		`"\b\f\n\r\t\"\\"`, "\"\xff\xfe\"", `"\u12"`, `"\x"`, `"a"b"`, "\"\x01\"", `"\'"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(bytes.TrimSpace(data)) != len(data) {
			return // callers trim; JSON allows the blanks unquote never sees
		}
		got, ok := unquote(data)
		var want string
		err := json.Unmarshal(data, &want)
		if ok != (err == nil) && len(data) >= 2 && data[0] == '"' {
			if ok {
				t.Fatalf("unquote accepted %q, encoding/json: %v", data, err)
			}
			t.Fatalf("unquote rejected %q, encoding/json read %q", data, want)
		}
		if ok && err == nil && got != want {
			t.Fatalf("unquote(%q) = %q, encoding/json %q", data, got, want)
		}
	})
}
