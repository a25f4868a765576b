package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
	_ "time/tzdata" // the tests name time zones; machines without zoneinfo must pass too

	"github.com/tuner-iptv/tuner/internal/sim"
)

// start runs a simulator for one test.
func start(t *testing.T, cfg sim.Config) *sim.Server {
	t.Helper()
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// bounded is a context that only guards against a hang; no test asserts how
// long anything took.
func bounded(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// client never reuses connections, so closing a body closes its TCP
// connection, as a player does when it stops.
func client() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func get(t *testing.T, url string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(bounded(t), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// getBody fetches a whole response.
func getBody(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	resp := get(t, url)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// openTS opens a TS stream, checks it answered 200 and reads its first packets.
func openTS(t *testing.T, s *sim.Server, id int) *http.Response {
	t.Helper()
	resp := get(t, s.StreamURL(id, "ts"))
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		t.Fatalf("stream %d: status %d, want 200", id, resp.StatusCode)
	}
	buf := make([]byte, 188*4)
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatalf("stream %d: %v", id, err)
	}
	for off := 0; off < len(buf); off += 188 {
		if buf[off] != 0x47 {
			t.Fatalf("stream %d: no sync byte at %d", id, off)
		}
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func waitActive(t *testing.T, s *sim.Server, n int) {
	t.Helper()
	if err := s.WaitActive(bounded(t), n); err != nil {
		t.Fatalf("waiting for %d active connections (have %d): %v", n, s.Active(), err)
	}
}

func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %.200s", err, b)
	}
}

// apiURL is a player_api.php URL with the server's current credentials.
func apiURL(s *sim.Server, query string) string {
	u := s.URL() + "/player_api.php?username=" + s.Username() + "&password=" + s.Password()
	if query != "" {
		u += "&" + query
	}
	return u
}

type account struct {
	UserInfo struct {
		Auth           int      `json:"auth"`
		Status         string   `json:"status"`
		ExpDate        *string  `json:"exp_date"`
		ActiveCons     string   `json:"active_cons"`
		MaxConnections string   `json:"max_connections"`
		AllowedFormats []string `json:"allowed_output_formats"`
		Username       string   `json:"username"`
		CreatedAt      string   `json:"created_at"`
		IsTrial        string   `json:"is_trial"`
	} `json:"user_info"`
	ServerInfo struct {
		URL            string `json:"url"`
		Port           string `json:"port"`
		HTTPSPort      string `json:"https_port"`
		ServerProtocol string `json:"server_protocol"`
		Timezone       string `json:"timezone"`
		TimestampNow   int64  `json:"timestamp_now"`
		TimeNow        string `json:"time_now"`
	} `json:"server_info"`
}

func accountOf(t *testing.T, s *sim.Server) account {
	t.Helper()
	code, _, b := getBody(t, apiURL(s, ""))
	if code != http.StatusOK {
		t.Fatalf("player_api.php: status %d", code)
	}
	var a account
	decode(t, b, &a)
	return a
}

func lastConn(t *testing.T, s *sim.Server) sim.Conn {
	t.Helper()
	cs := s.Connections()
	if len(cs) == 0 {
		t.Fatal("no connections recorded")
	}
	return cs[len(cs)-1]
}

// assertCut reads a stream to its end and checks that the server dropped the
// connection rather than ending the response or leaving it running.
func assertCut(t *testing.T, resp *http.Response) {
	t.Helper()
	_, err := io.Copy(io.Discard, resp.Body)
	switch {
	case err == nil:
		t.Fatal("the stream ended cleanly; want the connection dropped")
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		t.Fatalf("the stream kept running: %v", err)
	}
}
