package sim_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func TestControl(t *testing.T) {
	s := start(t, sim.Config{})
	run := func(args ...string) string {
		t.Helper()
		out, err := s.Control(args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	run("occupy", "1")
	if out := run("active"); out != "1\n" {
		t.Fatalf("active after occupy: %q", out)
	}
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != http.StatusUnauthorized {
		t.Fatalf("stream while occupied: %d", code)
	}
	if out := run("rejections"); out != "401 limit ts stream=1\n" {
		t.Fatalf("rejections: %q", out)
	}
	run("release")
	run("max", "2")
	run("over", "kick")
	run("fault", "5xx", "502")
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != 502 {
		t.Fatalf("stream with a 502 fault: %d", code)
	}
	run("fault", "iplock", "403")
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != 403 {
		t.Fatalf("stream with an IP lock: %d", code)
	}
	run("fault", "linger", "1m")
	run("fault", "none")
	run("expires", "past")
	if a := accountOf(t, s); a.UserInfo.Status != "Expired" || a.UserInfo.MaxConnections != "2" {
		t.Fatalf("account after control: %+v", a.UserInfo)
	}
	run("expires", "never")
	run("status", "Banned")
	if a := accountOf(t, s); a.UserInfo.Status != "Banned" {
		t.Fatalf("status after control: %q", a.UserInfo.Status)
	}
	run("status", "Active")
	run("password", "new")
	openTS(t, s, 3)
	run("kick-all")
	if out := run("conns"); !strings.Contains(out, "ts stream=3 closed kicked") {
		t.Fatalf("conns: %q", out)
	}
}

func TestControlRefusesNonsense(t *testing.T) {
	s := start(t, sim.Config{})
	for _, args := range [][]string{
		nil, {"bogus"}, {"status", "Sleeping"}, {"max", "many"}, {"over", "maybe"},
		{"fault", "5xx"}, {"fault", "rate", "3"}, {"fault", "weather"}, {"expires", "soon"}, {"password"},
	} {
		if _, err := s.Control(args...); err == nil {
			t.Errorf("Control(%q) accepted", args)
		}
	}
}

func TestServePrintsTheAccountAndStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(bounded(t))
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- sim.Serve(ctx, sim.DemoConfig(), "127.0.0.1:0", &out) }()
	for !strings.Contains(out.String(), "mpv http://127.0.0.1:") {
		select {
		case err := <-done:
			t.Fatalf("Serve returned early: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe to write and read from two goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
