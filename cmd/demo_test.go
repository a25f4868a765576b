package cmd

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
)

func TestLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:0": true, "127.0.0.2:8080": true, "localhost:80": true, "[::1]:9": true,
		"0.0.0.0:80": false, ":8080": false, "192.168.1.2:80": false, "10.0.0.1:80": false,
	} {
		if err := loopbackOnly(addr); (err == nil) != ok {
			t.Errorf("loopbackOnly(%q) = %v, want allowed=%v", addr, err, ok)
		}
	}
}

func TestEveryScenarioApplies(t *testing.T) {
	for name := range demoScenarios {
		s := sim.New(sim.DemoConfig())
		if err := applyScenario(s, name); err != nil {
			t.Errorf("scenario %s: %v", name, err)
		}
	}
	if err := applyScenario(sim.New(sim.DemoConfig()), "nope"); err == nil || exitCode(err) != ExitUsage {
		t.Errorf("unknown scenario: err %v, want a usage error", err)
	}
}

func TestOccupiedScenarioHoldsTheSlot(t *testing.T) {
	s := sim.New(sim.DemoConfig())
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := applyScenario(s, "occupied"); err != nil {
		t.Fatal(err)
	}
	if s.Active() != 1 {
		t.Errorf("active = %d, want 1", s.Active())
	}
}

func TestServeControlCommands(t *testing.T) {
	s := sim.New(sim.DemoConfig())
	var out bytes.Buffer
	readControl(strings.NewReader("occupy 1\nactive\nstatus Nope\n"), &out, s)
	got := out.String()
	for _, want := range []string{"ok\n", "1\n", "unknown status"} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q lacks %q", got, want)
		}
	}
}

// The address may follow --serve as the help shows it, or come from --addr.
func TestDemoServeAddress(t *testing.T) {
	for _, form := range [][]string{
		{"demo", "--serve", "ADDR"},
		{"demo", "--serve=ADDR"},
		{"demo", "--serve", "--addr", "ADDR"},
		{"demo", "--addr", "ADDR", "--serve"},
	} {
		t.Run(strings.Join(form, " "), func(t *testing.T) {
			addr := freeAddr(t)
			args := make([]string, len(form))
			for i, a := range form {
				args[i] = strings.ReplaceAll(a, "ADDR", addr)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var out, errs syncBuffer
			done := make(chan int, 1)
			go func() {
				done <- run(ctx, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}, args)
			}()
			testutil.Eventually(t, "the provider listening on "+addr, func() bool {
				return strings.Contains(out.String(), "Simulated IPTV provider at http://"+addr) || len(done) > 0
			})
			resp, err := http.Get("http://" + addr + "/player_api.php")
			if err != nil {
				t.Fatalf("provider on %s: %v (stderr %q)", addr, err, errs.String())
			}
			resp.Body.Close()
			cancel()
			if code := <-done; code != ExitOK {
				t.Errorf("exit %d, want 0; stderr %q", code, errs.String())
			}
		})
	}
}

func TestDemoArgumentWithoutServe(t *testing.T) {
	var out, errs syncBuffer
	code := run(context.Background(), env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}, []string{"demo", "127.0.0.1:8080"})
	if code != ExitUsage || !strings.Contains(errs.String(), "did you mean --serve 127.0.0.1:8080?") {
		t.Errorf("exit %d, stderr %q; want a usage error that points to --serve", code, errs.String())
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// syncBuffer is a bytes.Buffer a command writes while a test reads it.
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
