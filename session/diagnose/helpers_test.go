package diagnose

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

// testNow is the fixed time of every recorded case.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// testPassword appears in recorded URLs and account answers; no text this
// package produces may contain it.
const testPassword = "s3cret-pw"

// loadResponse reads a recorded HTTP response from testdata/responses.
func loadResponse(t *testing.T, name string) *session.Refusal {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "responses", name+".http"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil && err != io.ErrUnexpectedEOF {
		t.Fatalf("%s: %v", name, err)
	}
	return &session.Refusal{
		Status: resp.StatusCode,
		Header: resp.Header,
		Body:   body,
		URL:    "http://provider.example:8080/live/alice/***/1001.ts",
		At:     testNow.Add(-2 * time.Second),
	}
}

// panelAccount is player_api.php's answer as panels send it: numbers as
// strings, exp_date as a string of epoch seconds or null.
type panelAccount struct {
	UserInfo struct {
		Username       string   `json:"username"`
		Auth           int      `json:"auth"`
		Status         string   `json:"status"`
		ExpDate        *string  `json:"exp_date"`
		ActiveCons     string   `json:"active_cons"`
		MaxConnections string   `json:"max_connections"`
		Formats        []string `json:"allowed_output_formats"`
		Message        string   `json:"message"`
	} `json:"user_info"`
	ServerInfo struct {
		URL  string `json:"url"`
		Port string `json:"port"`
	} `json:"server_info"`
}

// loadAccount decodes a recorded player_api.php answer into a playlist.Account.
func loadAccount(t *testing.T, name string) *playlist.Account {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "accounts", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var p panelAccount
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	u := p.UserInfo
	a := &playlist.Account{
		Username:       u.Username,
		Auth:           u.Auth == 1,
		Status:         u.Status,
		AllowedFormats: u.Formats,
		Message:        u.Message,
	}
	if p.ServerInfo.URL != "" {
		a.Server = "http://" + p.ServerInfo.URL + ":" + p.ServerInfo.Port
	}
	a.MaxConnections, _ = strconv.Atoi(u.MaxConnections)
	a.ActiveConnections, _ = strconv.Atoi(u.ActiveCons)
	if u.ExpDate != nil {
		secs, err := strconv.ParseInt(*u.ExpDate, 10, 64)
		if err != nil {
			t.Fatalf("%s: exp_date: %v", name, err)
		}
		a.ExpiresAt = time.Unix(secs, 0).UTC()
	}
	return a
}

// loadRefusalErr is a refusal without an HTTP answer, as the gate reports it.
func loadRefusalErr(err error) *session.Refusal {
	return &session.Refusal{Err: err, URL: "http://provider.example:8080/live/alice/***/1001.ts", At: testNow}
}
