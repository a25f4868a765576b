package xtream

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

// freshURLEnv and freshModeEnv tell a child process what to load; see
// TestFreshProcessLogin.
const (
	freshURLEnv  = "TUNER_XTREAM_FRESH_URL"
	freshModeEnv = "TUNER_XTREAM_FRESH_MODE"
	freshN       = 300_000
)

// panelAnswers are the answers of a panel with freshN live streams, and the
// same channels as an M3U playlist, built once per test binary.
var panelAnswers = sync.OnceValues(func() (map[string][]byte, error) {
	streams := streamsJSON(freshN)
	var cats bytes.Buffer
	cats.WriteByte('[')
	for i := range 300 {
		if i > 0 {
			cats.WriteByte(',')
		}
		fmt.Fprintf(&cats, `{"category_id":"%d","category_name":"Group %d","parent_id":0}`, i, i)
	}
	cats.WriteByte(']')
	account := []byte(`{"user_info":{"username":"alice","auth":1,"status":"Active","max_connections":"1",` +
		`"allowed_output_formats":["m3u8","ts"]},"server_info":{"timezone":"UTC"}}`)
	c := New("http://panel.example", "alice", "pw", remote.Options{})
	got, err := DecodeStreams(streams)
	if err != nil {
		return nil, err
	}
	cs, err := DecodeCategories(cats.Bytes())
	if err != nil {
		return nil, err
	}
	var m bytes.Buffer
	if err := m3u.Write(&m, &playlist.Playlist{Channels: playlist.List(c.channels(got, cs, "ts"))}); err != nil {
		return nil, err
	}
	return map[string][]byte{"": account, "get_live_categories": cats.Bytes(), "get_live_streams": streams, "m3u": m.Bytes()}, nil
})

// bigPanel serves panelAnswers under /sized/ with a Content-Length and under
// /chunked/ without one, in the pieces a panel's PHP flushes.
func bigPanel(tb testing.TB) *httptest.Server {
	answers, err := panelAnswers()
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := answers[r.URL.Query().Get("action")]
		if strings.HasSuffix(r.URL.Path, "/get.php") {
			body, ok = answers["m3u"], true
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/sized/") {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			_, _ = w.Write(body)
			return
		}
		for len(body) > 0 {
			n := min(len(body), 32<<10)
			_, _ = w.Write(body[:n])
			body = body[n:]
		}
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// BenchmarkLogin300kFreshProcess logs in to a loopback panel with 300,000
// live streams in a new process each time, as a start of tuner does, and
// loads the same channels as an M3U playlist from the same server the way a
// playlist URL is read: the M3U path is the floor. Each run starts three
// children in turn (M3U, Xtream with a Content-Length, Xtream chunked), so
// a load spike hits the floor and the login alike. Memory is the child's
// peak resident size over the live heap the playlist keeps after a GC (the
// channels' own size); peak-over-own subtracts what the process held before
// it loaded. The read- children only read the answer, sized and chunked:
// what the transport alone costs either way.
//
//	go test -run '^$' -bench Login300kFreshProcess -benchtime 5x ./playlist/xtream/
func BenchmarkLogin300kFreshProcess(b *testing.B) {
	srv := bigPanel(b)
	var sized, chunked, chunkedOverSized, readChunkedOverSized, peakSized, peakChunked, peakM3U, hwmSized, cpuSized, cpuChunked []float64
	var last map[string]freshResult
	for b.Loop() {
		last = map[string]freshResult{}
		for _, mode := range []string{"m3u", "sized", "chunked", "read-sized", "read-chunked"} {
			last[mode] = runFresh(b, srv.URL, mode)
		}
		floor := last["m3u"].load
		sized = append(sized, last["sized"].load/floor)
		chunked = append(chunked, last["chunked"].load/floor)
		cpuSized = append(cpuSized, last["sized"].cpu/last["m3u"].cpu)
		cpuChunked = append(cpuChunked, last["chunked"].cpu/last["m3u"].cpu)
		chunkedOverSized = append(chunkedOverSized, last["chunked"].load/last["sized"].load)
		readChunkedOverSized = append(readChunkedOverSized, last["read-chunked"].load/last["read-sized"].load)
		peakSized = append(peakSized, last["sized"].peakOverOwn())
		peakChunked = append(peakChunked, last["chunked"].peakOverOwn())
		peakM3U = append(peakM3U, last["m3u"].peakOverOwn())
		hwmSized = append(hwmSized, last["sized"].hwm/last["sized"].own)
		b.Logf("m3u %.0f ms, sized %.0f ms (%.0f MB peak), chunked %.0f ms (%.0f MB peak), own %.0f MB; reading only: sized %.0f ms, chunked %.0f ms",
			floor*1e3, last["sized"].load*1e3, last["sized"].hwm/1e6, last["chunked"].load*1e3, last["chunked"].hwm/1e6, last["sized"].own/1e6,
			last["read-sized"].load*1e3, last["read-chunked"].load*1e3)
	}
	b.ReportMetric(median(sized), "sized-x-m3u")
	b.ReportMetric(slices.Min(sized), "min-sized-x-m3u")
	b.ReportMetric(median(chunked), "chunked-x-m3u")
	b.ReportMetric(slices.Min(chunked), "min-chunked-x-m3u")
	b.ReportMetric(median(chunkedOverSized), "chunked-x-sized")
	b.ReportMetric(slices.Min(chunkedOverSized), "min-chunked-x-sized")
	b.ReportMetric(median(readChunkedOverSized), "read-chunked-x-sized")
	b.ReportMetric(median(cpuSized), "cpu-sized-x-m3u")
	b.ReportMetric(median(cpuChunked), "cpu-chunked-x-m3u")
	b.ReportMetric(median(peakSized), "sized-peak-x-own")
	b.ReportMetric(median(peakChunked), "chunked-peak-x-own")
	b.ReportMetric(median(peakM3U), "m3u-peak-x-own")
	b.ReportMetric(median(hwmSized), "sized-rss-x-own")
	b.ReportMetric(last["m3u"].load*1e3, "m3u-ms")
	b.ReportMetric(last["sized"].load*1e3, "sized-ms")
	b.ReportMetric(last["chunked"].load*1e3, "chunked-ms")
	b.ReportMetric(last["sized"].own/1e6, "own-MB")
	b.ReportMetric(last["sized"].hwm/1e6, "sized-peak-MB")
	b.ReportMetric(last["chunked"].hwm/1e6, "chunked-peak-MB")
}

type freshResult struct {
	load, cpu     float64 // seconds
	rss0, hwm     float64 // bytes resident before the load, and at the peak
	own, channels float64
}

func (r freshResult) peakOverOwn() float64 { return (r.hwm - r.rss0) / r.own }

func runFresh(b *testing.B, url, mode string) freshResult {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFreshProcessLogin$")
	cmd.Env = append(os.Environ(), freshURLEnv+"="+url, freshModeEnv+"="+mode)
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("child %s: %v", mode, err)
	}
	var r freshResult
	var load, cpu int64
	if _, err := fmt.Sscanf(string(out), "load %d cpu %d rss0 %g hwm %g own %g n %g",
		&load, &cpu, &r.rss0, &r.hwm, &r.own, &r.channels); err != nil {
		b.Fatalf("child %s said %q: %v", mode, out, err)
	}
	if r.channels != freshN && !strings.HasPrefix(mode, "read-") {
		b.Fatalf("child %s: %v channels", mode, r.channels)
	}
	r.load, r.cpu = float64(load)/1e9, float64(cpu)/1e9
	return r
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestFreshProcessLogin is the child of BenchmarkLogin300kFreshProcess and
// does nothing in a test run.
func TestFreshProcessLogin(t *testing.T) {
	url, mode := os.Getenv(freshURLEnv), os.Getenv(freshModeEnv)
	if url == "" {
		return
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rss0 := procStatus(t, "VmRSS")
	cpu0 := cpuTime()
	start := time.Now()
	var p *playlist.Playlist
	var err error
	switch {
	case mode == "m3u":
		p, err = loadM3U(url + "/sized/get.php")
	case strings.HasPrefix(mode, "read-"):
		p, err = readOnly(url + "/" + strings.TrimPrefix(mode, "read-") + "/player_api.php?action=get_live_streams")
	default:
		p, err = New(url+"/"+mode, "alice", "pw", remote.Options{}).Load(context.Background(), nil)
	}
	load := time.Since(start)
	cpu := cpuTime() - cpu0
	hwm := procStatus(t, "VmHWM")
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Printf("load %d cpu %d rss0 %d hwm %d own %d n %d\n", load, cpu, rss0, hwm,
		after.HeapAlloc-before.HeapAlloc, p.Channels.Len())
	runtime.KeepAlive(p)
}

// readOnly reads the answer and keeps nothing: the transport's own time,
// sized or chunked.
func readOnly(url string) (*playlist.Playlist, error) {
	resp, err := remote.Fetch(context.Background(), url, remote.Options{})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return &playlist.Playlist{}, err
}

// loadM3U reads a playlist URL as tuner's URL source does: the body
// streams into the parser.
func loadM3U(url string) (*playlist.Playlist, error) {
	resp, err := remote.Fetch(context.Background(), url, remote.Options{})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return m3u.ParseWith(resp.Body, "bench", nil, m3u.Limits{MaxStream: -1})
}

// procStatus reads a size in bytes from /proc/self/status.
func procStatus(t *testing.T, key string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", key)
	return 0
}
