package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// hlsServer serves a master playlist naming two variants and, for the
// better one, a finished media playlist of three segments.
func hlsServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/master.m3u8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		fmt.Fprint(w, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=900000\nhigh/index.m3u8\n")
	})
	mux.HandleFunc("/high/index.m3u8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		fmt.Fprint(w, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n#EXTINF:2,\nc.ts\n#EXT-X-ENDLIST\n")
	})
	mux.HandleFunc("/low/index.m3u8", func(w http.ResponseWriter, r *http.Request) {
		t.Error("the low variant was fetched; a recording takes the best")
		http.NotFound(w, r)
	})
	for _, seg := range []string{"a", "b", "c"} {
		mux.HandleFunc("/high/"+seg+".ts", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, seg+seg) })
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestMediaJoinsAFinishedHLSStreamWholeThenEnds(t *testing.T) {
	srv := hlsServer(t)
	rc, err := Media(context.Background(), srv.Client(), srv.URL+"/master.m3u8", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if string(b) != "aabbcc" || !errors.Is(err, ErrEnded) {
		t.Errorf("read %q, %v; want every segment once, in order, then ErrEnded", b, err)
	}
}

func TestMediaSaysTheStatusOfARefusal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) }))
	defer srv.Close()
	_, err := Media(context.Background(), srv.Client(), srv.URL+"/1.ts", time.Time{})
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusUnauthorized {
		t.Errorf("Media = %v, want a *StatusError of 401", err)
	}
}

func TestARecordingOfAFinishedStreamEndsDone(t *testing.T) {
	srv := hlsServer(t)
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){
		func(ctx context.Context) (io.ReadCloser, error) {
			return Media(ctx, srv.Client(), srv.URL+"/master.m3u8", time.Time{})
		},
	}}
	opts, _ := testOptions(t, c)
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a finished stream did not end the recording")
	}
	if in := r.Info(); in.State != Done || in.Bytes != 6 || len(in.Gaps) != 0 || c.opens != 1 {
		t.Errorf("info %+v after %d opens: want done with the whole stream, no reconnect", in, c.opens)
	}
}
