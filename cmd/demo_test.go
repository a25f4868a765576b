package cmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
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
