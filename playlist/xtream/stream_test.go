package xtream

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

var modelCats = []Category{{ID: "1", Name: "UK | Entertainment"}, {ID: "3", Name: "France"}, {ID: "1", Name: "UK | Later"}, {ID: "7", Name: ""}}

// flat is a channel with its Extra's values, so channels compare with ==.
type flat struct {
	playlist.Channel
	extra playlist.Extra
}

func flatten(chs []playlist.Channel) []flat {
	out := make([]flat, len(chs))
	for i, ch := range chs {
		out[i].Channel = ch
		if ch.Extra != nil {
			out[i].extra = *ch.Extra
			out[i].Channel.Extra = nil
		}
	}
	return out
}

// errClass names what an error means to Load.
func errClass(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, errRejected):
		return "rejected"
	case errors.Is(err, errNotAPI):
		return "not the API"
	}
	return "other: " + err.Error()
}

func modelChannels(c *Client, data []byte) ([]flat, string) {
	streams, err := DecodeStreams(data)
	if err != nil {
		return nil, errClass(err)
	}
	return flatten(c.channels(streams, modelCats, "ts")), "ok"
}

func streamedChannels(c *Client, r io.Reader, size int) ([]flat, string) {
	b := c.newBuilder(modelCats, "ts")
	if err := decodeChannelsIn(r, b, size); err != nil {
		return nil, errClass(err)
	}
	return flatten(b.finish()), "ok"
}

// pieces reads data in pieces whose sizes cycle through sizes, as a slow
// connection delivers an answer.
type pieces struct {
	data  []byte
	sizes []byte
	i     int
}

func (p *pieces) Read(b []byte) (int, error) {
	if len(p.data) == 0 {
		return 0, io.EOF
	}
	n := 1
	if len(p.sizes) > 0 {
		n = int(p.sizes[p.i%len(p.sizes)]) + 1
		p.i++
	}
	n = copy(b[:min(n, len(b))], p.data)
	p.data = p.data[n:]
	return n, nil
}

// agree checks that the streaming decoder, fed data through r, reads the
// same channels as DecodeStreams and the model, or fails alike.
func agree(t *testing.T, data []byte, r io.Reader, size int) {
	t.Helper()
	c := New("http://panel.example:8080", "alice", "pw", remote.Options{})
	want, wantErr := modelChannels(c, data)
	got, gotErr := streamedChannels(c, r, size)
	if gotErr != wantErr {
		t.Fatalf("%.200q: streaming %s, DecodeStreams %s", data, gotErr, wantErr)
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		// An object for a list comes out of a map, in no fixed order.
		byURL := func(a, b flat) int { return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.Name, b.Name)) }
		slices.SortFunc(want, byURL)
		slices.SortFunc(got, byURL)
	}
	if len(got) != len(want) {
		t.Fatalf("%.200q: %d channels streamed, %d from DecodeStreams", data, len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%.200q: channel %d\nstreamed %+v\n   model %+v", data, i, got[i], want[i])
		}
	}
}

var streamEdges = []string{
	``, ` `, "\v\u00a0", `[]`, ` [ ] `, `{}`, `null`, `""`, `false`, `0`, `"x"`, `[] x`, `[`, `[{}`, `[{},]`, `[,]`, `[}]`,
	`[null]`, `[1]`, `[true]`, `["a"]`, `[[]]`, `[{"stream_id":1}, null, {"stream_id":"2"}]`,
	`{"user_info":{"auth":0}}`, `{"1":{"stream_id":5,"name":"a"},"2":{"stream_id":6,"name":"b"},"x":3}`,
	"\v[{\"stream_id\":1}]\u00a0", "[{\"stream_id\":1}]\v", "[{\"stream_id\":1}]\xc2", "\xef\xbb\xbf[]",
	`[{"NUM":"7","Stream_ID":"9","Name":"x"}]`, `[{"name":"a","name":"b","stream_id":1}]`, `[{"ſtream_id":"1","name":"long s"}]`,
	`[{"stream_id":"a/b c","name":"escaped id"}]`, `[{"stream_id":"a:b"}]`, `[{"stream_id":null,"name":"no id"}]`,
	`[{"stream_id":0}]`, `[{"stream_id":1,"num":"1e3","tv_archive":"true","tv_archive_duration":"7.9"}]`,
	`[{"stream_id":1,"num":-3,"tv_archive":"yes","tv_archive_duration":null}]`, `[{"stream_id":1,"tv_archive":"0.0"}]`,
	`[{"stream_id":1,"name":"\ud83d\ude00 \ud83d \u00e9\n","stream_icon":"http:\/\/x\/1.png"}]`, "[{\"stream_id\":1,\"name\":\"\xff\"}]",
	`[{"stream_id":1,"name":["a"],"category_id":3,"epg_channel_id":true}]`, `[{"stream_id":1,"extra":{"a":[1,{"b":null}]}}]`,
	`[{"stream_id":1}] [`, `[{"stream_id":1,}]`, `[{"stream_id":"1\u"}]`, `[{"stream_id":tru}]`, `[{"stream_id":01}]`,
	`[{"stream_id":1,"num":99999999999999999999}]`, `[{"stream_id":"1","num":"000000000000000000012"}]`,
	`[{"stream_id":1,"deep":` + strings.Repeat("[", 1100) + strings.Repeat("]", 1100) + `}]`,
	`[{"stream_id":1,"deep":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}]`,
}

func TestStreamingAgreesWithDecodeStreams(t *testing.T) {
	inputs := slices.Clone(streamEdges)
	files, _ := filepath.Glob(filepath.Join("testdata", "streams_*.json"))
	for _, f := range files {
		inputs = append(inputs, string(readTestdata(t, filepath.Base(f))))
	}
	inputs = append(inputs, string(streamsJSON(500)),
		// A 2 MB name read a byte at a time: scanning it again on every read would never end.
		`[{"stream_id":1,"name":"`+strings.Repeat("long ", 400_000)+`"},{"stream_id":2,"name":"after it"}]`)
	for i, in := range inputs {
		data := []byte(in)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			agree(t, data, bytes.NewReader(data), window)
			agree(t, data, iotest.OneByteReader(bytes.NewReader(data)), 1)
			agree(t, data, &pieces{data: data, sizes: []byte{7, 0, 200, 31}}, 13)
			agree(t, data, iotest.DataErrReader(bytes.NewReader(data)), 64)
		})
	}
}

// FuzzStreamingMatchesDecodeStreams feeds the streaming decoder the input
// in pieces and a window both chosen by the fuzzer: on every input it must
// read the channels DecodeStreams and the model read, or fail alike.
func FuzzStreamingMatchesDecodeStreams(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "streams_*.json"))
	for _, name := range files {
		f.Add(readTestdata(f, filepath.Base(name)), []byte{3, 50}, uint8(5))
	}
	for _, s := range streamEdges {
		f.Add([]byte(s), []byte{0}, uint8(1))
	}
	f.Fuzz(func(t *testing.T, data, sizes []byte, size uint8) {
		agree(t, data, &pieces{data: data, sizes: sizes}, int(size))
	})
}

func TestStreamingReadErrorIsNotNotAPI(t *testing.T) {
	c := New("http://panel.example:8080", "alice", "pw", remote.Options{})
	boom := errors.New("connection reset")
	for _, data := range []string{`[{"stream_id":1},`, `{"1":`, ` `} {
		r := io.MultiReader(strings.NewReader(data), iotest.ErrReader(boom))
		if err := decodeChannelsIn(r, c.newBuilder(nil, "ts"), 4); !errors.Is(err, boom) {
			t.Errorf("%q then a failed read: %v, want the read error", data, err)
		}
	}
}

// A panel that sends no Content-Length and cuts the answer short is a
// failed download, not a panel that does not speak the API.
func TestLoadChunkedAnswerCutShort(t *testing.T) {
	streams := streamsJSON(2000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("action") {
		case "":
			w.Write(readTestdata(t, "account_strings.json"))
		case "get_live_categories":
			w.Write([]byte(`[]`))
		default:
			w.Write(streams[:len(streams)/2])
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	}))
	defer srv.Close()
	_, err := New(srv.URL, testUser, testPass, remote.Options{}).Load(context.Background(), nil)
	if err == nil || playlist.ProblemOf(err) == playlist.NotPlaylist {
		t.Fatalf("error %v (%v), want a failed download", err, playlist.ProblemOf(err))
	}
}

// The whole answer through Load, chunked, is the model's channels.
func TestLoadChunkedMatchesModel(t *testing.T) {
	streams := streamsJSON(3000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("action") {
		case "":
			w.Write(readTestdata(t, "account_strings.json"))
		case "get_live_categories":
			fmt.Fprint(w, `[{"category_id":"1","category_name":"One"},{"category_id":2,"category_name":"Two"}]`)
		default:
			for b := streams; len(b) > 0; b = b[min(len(b), 1000):] {
				w.Write(b[:min(len(b), 1000)])
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	c := New(srv.URL, testUser, testPass, remote.Options{})
	p, err := c.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ss, _ := DecodeStreams(streams)
	want := flatten(c.channels(ss, []Category{{ID: "1", Name: "One"}, {ID: "2", Name: "Two"}}, "ts"))
	got := flatten(p.Channels.Slice())
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%d channels, model %d; first %+v, model %+v", len(got), len(want), got[0], want[0])
	}
	if p.Channels.At(2).Group != "Two" || p.Channels.At(1).Group != "One" || p.Channels.At(0).Extra.Catchup != "" || p.Channels.At(1).Extra.CatchupDays != "7" {
		t.Errorf("channel 1: %+v %+v", *p.Channels.At(1), *p.Channels.At(1).Extra)
	}
}

// The simulator lists its streams as PHP panels do, chunked, with escaped
// slashes and letters; Load reads them as DecodeStreams reads the whole
// answer.
func TestLoadFromTheSimulatorMatchesModel(t *testing.T) {
	s := sim.New(sim.Config{Username: testUser, Password: testPass, Channels: 5000})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	c := New(s.URL(), testUser, testPass, remote.Options{})
	ctx := context.Background()
	p, err := c.Load(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	streams, err := c.LiveStreams(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	cats, err := c.LiveCategories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.AccountInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := flatten(c.channels(streams, cats, c.extension(c.Account(info))))
	if got := flatten(p.Channels.Slice()); len(got) != 5000 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d channels, model %d", len(got), len(want))
	}
}
