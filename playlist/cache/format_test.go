package cache

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func FuzzDecode(f *testing.F) {
	ex := &playlist.Extra{Groups: []string{"a", "b"}, Headers: []playlist.Header{{Name: "User-Agent", Value: "x"}}, StreamID: "9"}
	chs := []playlist.Channel{{Name: "One", URL: "http://h/1", Group: "a", Extra: ex}, {Name: "Two", URL: "http://h/2", Extra: ex}}
	p := &playlist.Playlist{Source: "s", Channels: chs, Groups: playlist.BuildGroups(chs), Account: &playlist.Account{Username: "u"}}
	for _, pl := range []*playlist.Playlist{p, {}} {
		var buf bytes.Buffer
		if err := encode(&buf, pl, time.Unix(0, 0)); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The checksum stops almost every mutation before the decoder sees
		// it; fix it up so the fuzzer reaches the decoder proper.
		if len(data) >= len(magic)+4 {
			data = fixChecksum(data)
		}
		p, _, err := decode(data)
		if err == nil && len(p.Channels) > len(data) {
			t.Fatalf("%d channels from %d bytes", len(p.Channels), len(data))
		}
	})
}

func fixChecksum(data []byte) []byte {
	out := append([]byte(nil), data...)
	body := out[:len(out)-4]
	binary.LittleEndian.PutUint32(out[len(out)-4:], crc32.ChecksumIEEE(body))
	return out
}
