package gate

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestRewritePlaylist(t *testing.T) {
	base, _ := url.Parse("http://panel.example/hls/alice/" + secret + "/7/index.m3u8?token=" + secret)
	tests := []struct {
		name string
		in   string
		want []string // upstream URIs the gate must know, in order
		keep []string // text that must stay as it was
	}{
		{
			name: "master with relative, root-relative and absolute variants",
			in: "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow/index.m3u8\n" +
				"#EXT-X-STREAM-INF:BANDWIDTH=2000000\n/abs/high.m3u8?x=1\n" +
				"#EXT-X-STREAM-INF:BANDWIDTH=3000000\nhttp://cdn.example/top.m3u8\n",
			want: []string{
				"http://panel.example/hls/alice/" + secret + "/7/low/index.m3u8",
				"http://panel.example/abs/high.m3u8?x=1",
				"http://cdn.example/top.m3u8",
			},
			keep: []string{"BANDWIDTH=800000", "RESOLUTION=640x360"},
		},
		{
			name: "master with an audio rendition",
			in: "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"en\",URI=\"audio/en.m3u8\"\n" +
				"#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO=\"aud\"\nv.m3u8\n",
			want: []string{
				"http://panel.example/hls/alice/" + secret + "/7/v.m3u8",
				"http://panel.example/hls/alice/" + secret + "/7/audio/en.m3u8",
			},
		},
		{
			name: "live media playlist with a key and relative segments",
			in: "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:100\n" +
				"#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n" +
				"#EXTINF:4.000,\nseg100.ts\n#EXTINF:4.000,\nseg101.ts\n#EXTINF:4.000,\nhttp://cdn.example/seg102.ts\n" +
				"#EXTINF:4.000,\nseg103.ts\n#EXTINF:4.000,\nseg104.ts\n#EXTINF:4.000,\nseg105.ts\n" +
				"#EXTINF:4.000,\nseg106.ts\n#EXTINF:4.000,\nseg107.ts\n#EXTINF:4.000,\nseg108.ts\n#EXTINF:4.000,\nseg109.ts\n",
			want: []string{
				"http://panel.example/hls/alice/" + secret + "/7/key.bin",
				"http://panel.example/hls/alice/" + secret + "/7/seg100.ts",
				"http://panel.example/hls/alice/" + secret + "/7/seg101.ts",
				"http://cdn.example/seg102.ts",
			},
			keep: []string{"#EXT-X-MEDIA-SEQUENCE:100", "METHOD=AES-128", "seg109"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			out, err := rewritePlaylist([]byte(tt.in), base, func(abs *url.URL, kind string) string {
				got = append(got, abs.String())
				return fmt.Sprintf("http://gate/%d/%s", len(got), partName(abs.String()))
			})
			if err != nil {
				t.Fatal(err)
			}
			text := string(out)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("resolved %q, missing %q", got, w)
				}
			}
			if strings.Contains(text, secret) || strings.Contains(text, "panel.example") || strings.Contains(text, "cdn.example") {
				t.Errorf("rewritten playlist still names the provider:\n%s", text)
			}
			for _, k := range tt.keep {
				if !strings.Contains(text, strings.ReplaceAll(k, "seg109", "media.ts")) && !strings.Contains(text, k) {
					t.Errorf("rewritten playlist lost %q:\n%s", k, text)
				}
			}
			// Every segment line is still there (the decoder keeps a live window of 8).
			if n := strings.Count(tt.in, "#EXTINF"); strings.Count(text, "#EXTINF") != n {
				t.Errorf("%d segments out of %d:\n%s", strings.Count(text, "#EXTINF"), n, text)
			}
		})
	}
}

// hlsPanel serves a master playlist behind a redirect, a media playlist with
// relative and absolute segment URIs, and the segments, counting requests.
type hlsPanel struct {
	mu   sync.Mutex
	hits map[string]int
	url  string
}

func (p *hlsPanel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.URL.Path]++
	p.mu.Unlock()
	switch r.URL.Path {
	case "/live/alice/" + secret + "/7.m3u8":
		http.Redirect(w, r, "/hls/tok/master.m3u8", http.StatusFound)
	case "/hls/tok/master.m3u8":
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		io.WriteString(w, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n")
	case "/hls/tok/low/index.m3u8":
		w.Header().Set("Content-Type", "application/x-mpegURL")
		io.WriteString(w, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2.0,\nseg5.ts\n#EXTINF:2.0,\n"+p.url+"/abs/seg6.ts\n")
	case "/hls/tok/low/seg5.ts", "/abs/seg6.ts":
		w.Header().Set("Content-Type", "video/mp2t")
		io.WriteString(w, "segment "+r.URL.Path)
	default:
		http.NotFound(w, r)
	}
}

func TestHLSPassesThroughTheGate(t *testing.T) {
	panel := &hlsPanel{hits: map[string]int{}}
	up := httptest.NewServer(panel)
	defer up.Close()
	panel.url = up.URL
	g := newGate(t)
	s, err := g.Open(context.Background(), Request{URL: up.URL + "/live/alice/" + secret + "/7.m3u8"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if !s.HLS() {
		t.Fatal("an HLS master was not recognised")
	}
	_, master := get(t, s.URL())
	variant := lastLine(t, master)
	_, media := get(t, variant)
	var segs []string
	for _, l := range strings.Split(string(media), "\n") {
		if strings.HasPrefix(l, "http://") {
			segs = append(segs, l)
		}
	}
	if len(segs) != 2 {
		t.Fatalf("media playlist through the gate:\n%s", media)
	}
	for i, want := range []string{"segment /hls/tok/low/seg5.ts", "segment /abs/seg6.ts"} {
		if !strings.HasPrefix(segs[i], "http://"+g.Addr()+"/") {
			t.Errorf("segment URI %q does not point at the gate", segs[i])
		}
		if _, body := get(t, segs[i]); string(body) != want {
			t.Errorf("segment %d = %q, want %q", i, body, want)
		}
	}
	within(t, s.FirstByte(), "first segment byte")
	for _, text := range [][]byte{master, media} {
		if strings.Contains(string(text), secret) || strings.Contains(string(text), strings.TrimPrefix(up.URL, "http://")) {
			t.Errorf("player saw the provider's URL:\n%s", text)
		}
	}
}

func TestHLSRefusalLaterEndsTheStream(t *testing.T) {
	var refuse bool
	var mu sync.Mutex
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		no := refuse
		mu.Unlock()
		if no {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		io.WriteString(w, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg.ts\n")
	}))
	defer up.Close()
	s, err := newGate(t).Open(context.Background(), Request{URL: up.URL + "/live/a/b/1.m3u8"})
	if err != nil {
		t.Fatal(err)
	}
	get(t, s.URL())
	mu.Lock()
	refuse = true // the panel gives the slot to someone else
	mu.Unlock()
	resp, _ := get(t, s.URL())
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("player got %d for the reload, want the provider's 401", resp.StatusCode)
	}
	within(t, s.Done(), "the stream to end")
	if _, ref, _ := s.Ended(); ref == nil || ref.Status != 401 || ref.Resource != "playlist" {
		t.Errorf("ended with refusal %+v", ref)
	}
}

func lastLine(t *testing.T, b []byte) string {
	t.Helper()
	lines := strings.Fields(string(b))
	if len(lines) == 0 {
		t.Fatal("empty playlist")
	}
	return lines[len(lines)-1]
}
