package xtream

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/tuner-iptv/tuner/playlist/remote"
)

// streamsJSON writes n streams the way a big panel lists them, with string
// numbers and the escaped slashes of PHP's json_encode, as most panels send.
func streamsJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"num":"%d","name":"UK | Channel %d HD \u00e9","stream_type":"live","stream_id":"%d",`+
			`"stream_icon":"http:\/\/logos.example.net\/%d.png","epg_channel_id":"ch%d.uk","added":"1700000000",`+
			`"category_id":"%d","custom_sid":"","tv_archive":%d,"direct_source":"","tv_archive_duration":"7"}`,
			i+1, i, 100000+i, i%5000, i, i%300, i%2)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// go test -run '^$' -bench . -benchmem ./playlist/xtream/
func BenchmarkDecodeStreams300k(b *testing.B) {
	data := streamsJSON(300_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s, err := DecodeStreams(data)
		if err != nil || len(s) != 300_000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkChannels300k(b *testing.B) {
	streams, err := DecodeStreams(streamsJSON(300_000))
	if err != nil {
		b.Fatal(err)
	}
	var cats []Category
	for i := range 300 {
		cats = append(cats, Category{ID: Str(fmt.Sprint(i)), Name: Str(fmt.Sprintf("Group %d", i))})
	}
	c := New("http://panel.example:8080", "alice", "pw", remote.Options{})
	for b.Loop() {
		if chs := c.channels(streams, cats, "ts"); len(chs) != 300_000 {
			b.Fatal(len(chs))
		}
	}
}

// BenchmarkDecodeChannels300k is the streaming login's decoding alone, from
// memory; BenchmarkDecodeThenChannels300k is the whole-answer way it
// replaced, DecodeStreams and then the channels.
func BenchmarkDecodeChannels300k(b *testing.B) {
	data := streamsJSON(300_000)
	c := New("http://panel.example:8080", "alice", "pw", remote.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lb := c.newBuilder(nil, "ts")
		if err := decodeChannels(bytes.NewReader(data), lb); err != nil {
			b.Fatal(err)
		}
		if chs := lb.finish(); len(chs) != 300_000 {
			b.Fatal(len(chs))
		}
	}
}

func BenchmarkDecodeThenChannels300k(b *testing.B) {
	data := streamsJSON(300_000)
	c := New("http://panel.example:8080", "alice", "pw", remote.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := DecodeStreams(data)
		if err != nil {
			b.Fatal(err)
		}
		if chs := c.channels(s, nil, "ts"); len(chs) != 300_000 {
			b.Fatal(len(chs))
		}
	}
}
