package xtream

import (
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
