package sim

import (
	"io"
	"net/http"
	"testing"
	"time"
)

func benchServer(b *testing.B, cfg Config) *Server {
	b.Helper()
	s := New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	return s
}

// BenchmarkTSPacing reads a stream past its opening burst and reports the
// steady byte rate against the rate that plays the clip in real time (1.0 is
// exact). It times whole chunks, from the arrival of one to the arrival of
// another, so the chunk size does not skew the figure.
func BenchmarkTSPacing(b *testing.B) {
	s := benchServer(b, Config{})
	p := newPacer(s.clip)
	chunk := int64(p.chunk)
	first := (p.burst/chunk + 2) * chunk // through the first chunk sent on schedule
	const chunks = 20                    // about 2 s
	for b.Loop() {
		resp, err := http.Get(s.StreamURL(1, "ts"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyN(io.Discard, resp.Body, first); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := io.CopyN(io.Discard, resp.Body, chunks*chunk); err != nil {
			b.Fatal(err)
		}
		got := float64(chunks*chunk) / time.Since(t0).Seconds()
		resp.Body.Close()
		b.ReportMetric(got, "B/s")
		b.ReportMetric(got/p.rate, "x-realtime")
	}
}

func benchFetch(b *testing.B, s *Server, path string) {
	b.Helper()
	var size int64
	for b.Loop() {
		resp, err := http.Get(s.URL() + path)
		if err != nil {
			b.Fatal(err)
		}
		size, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB/op")
}

func BenchmarkGetLiveStreams300k(b *testing.B) {
	s := benchServer(b, Config{Channels: 300000})
	benchFetch(b, s, "/player_api.php?username=demo&password=demo&action=get_live_streams")
}

func BenchmarkGetPHP300k(b *testing.B) {
	s := benchServer(b, Config{Channels: 300000})
	benchFetch(b, s, "/get.php?username=demo&password=demo&type=m3u_plus&output=ts")
}

func BenchmarkXMLTV(b *testing.B) {
	s := benchServer(b, Config{})
	benchFetch(b, s, "/xmltv.php?username=demo&password=demo")
}

func BenchmarkHLSSegment(b *testing.B) {
	s := New(Config{})
	for i := int64(0); b.Loop(); i++ {
		_ = s.segmentBytes(i)
	}
}

// A large panel's catalogue: go test -run '^$' -bench 'VOD|Series' ./internal/sim/
func BenchmarkGetVODStreams100k(b *testing.B) {
	s := benchServer(b, Config{Movies: 100_000})
	benchFetch(b, s, "/player_api.php?username=demo&password=demo&action=get_vod_streams")
}

func BenchmarkGetSeries20k(b *testing.B) {
	s := benchServer(b, Config{Series: 20_000})
	benchFetch(b, s, "/player_api.php?username=demo&password=demo&action=get_series")
}

// BenchmarkMoviePacing is BenchmarkTSPacing for a movie's file: past its
// opening burst a ranged read runs at the rate that plays it.
func BenchmarkMoviePacing(b *testing.B) {
	s := benchServer(b, Config{})
	p := newPacer(s.clip)
	chunk := int64(p.chunk)
	first := (int64(p.rate*fileBurst.Seconds())/chunk + 2) * chunk
	const chunks = 20
	m, _ := s.Movie(0)
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodGet, s.MovieURL(m.ID, "mkv"), nil)
		req.Header.Set("Range", "bytes=1000000-")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusPartialContent {
			b.Fatal(resp, err)
		}
		if _, err := io.CopyN(io.Discard, resp.Body, first); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := io.CopyN(io.Discard, resp.Body, chunks*chunk); err != nil {
			b.Fatal(err)
		}
		got := float64(chunks*chunk) / time.Since(t0).Seconds()
		resp.Body.Close()
		b.ReportMetric(got/p.rate, "x-realtime")
	}
}
