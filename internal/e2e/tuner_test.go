package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// headlessMPV is the player for every test: real mpv, no window, no sound.
const headlessMPV = "mpv --vo=null --ao=null"

// The account every test uses: a password unlike anything else on screen, so
// a leak is found wherever it shows.
const (
	testUser     = "viewer"
	testPassword = "Pw7xQ9zK"
)

// startSim runs a simulator for one test on a free loopback port.
func startSim(t testing.TB, cfg sim.Config) *sim.Server {
	t.Helper()
	if cfg.Username == "" {
		cfg.Username, cfg.Password = testUser, testPassword
	}
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// bounded is a context that only guards against a hang.
func bounded(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	t.Cleanup(cancel)
	return ctx
}

// home is one user's machine as tuner sees it: config, state and cache
// directories. Tuners started in the same home see each other's leases.
type home struct {
	t   testing.TB
	dir string
}

func newHome(t testing.TB) *home {
	t.Helper()
	h := &home{t: t, dir: t.TempDir()}
	t.Cleanup(h.stopPlayers)
	return h
}

func (h *home) env(password string) []string {
	return []string{
		"TERM=xterm-256color",
		"XDG_CONFIG_HOME=" + filepath.Join(h.dir, "config"),
		"XDG_STATE_HOME=" + filepath.Join(h.dir, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(h.dir, "cache"),
		"TUNER_PASSWORD=" + password,
	}
}

// tuner starts the TUI on the simulator's account in a terminal of w x h.
func (h *home) tuner(s *sim.Server, w, h2 int, extra ...string) *term {
	h.t.Helper()
	argv := append([]string{tunerBin, "--xtream", s.URL(), "--username", s.Username(), "--player", headlessMPV}, extra...)
	tm := newTerm(h.t, h.env(s.Password()), w, h2, argv...)
	tm.secret = s.Password()
	return tm
}

// command runs a non-interactive tuner command in this home.
func (h *home) command(args ...string) (string, error) {
	cmd := exec.Command(tunerBin, args...)
	cmd.Env = append(os.Environ(), h.env("")...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// stopPlayers is a safety net: whatever a test left behind, no mpv it started
// outlives it.
func (h *home) stopPlayers() {
	_, _ = h.command("stop")
}

// leases is `tuner leases --json`, decoded loosely: the test reads only
// whether slots are still held.
type leases struct {
	Active []map[string]any `json:"active"`
	Recent []map[string]any `json:"recent"`
}

// waitLeasePlayer waits until an active lease names the player pid: tuner
// records it once the player took the stream.
func (h *home) waitLeasePlayer(pid int) {
	h.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		for _, l := range h.leases().Active {
			if p, ok := l["player"].(map[string]any); ok && p["pid"] == float64(pid) {
				return
			}
		}
		if time.Now().After(deadline) {
			out, _ := h.command("leases", "--json")
			h.t.Fatalf("no active lease names player pid %d:\n%s", pid, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (h *home) leases() leases {
	h.t.Helper()
	out, err := h.command("leases", "--json")
	if err != nil {
		h.t.Fatalf("tuner leases --json: %v\n%s", err, out)
	}
	var l leases
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		h.t.Fatalf("tuner leases --json: %v\n%s", err, out)
	}
	return l
}

// browsing waits for the first screen of the channel browser.
func browsing(tm *term) string {
	tm.t.Helper()
	return tm.waitText("Groups", "UK: BBC One HD", "300 channels")
}

// play presses enter on the selected channel and waits until the simulator
// serves it with bytes flowing.
func play(t testing.TB, tm *term, s *sim.Server) sim.Conn {
	t.Helper()
	before := len(tsConns(s))
	tm.keys("Enter")
	return waitStreaming(t, s, before)
}

// waitStreaming waits until the simulator has served more than `before` TS
// connections and the newest is active and has sent bytes; it returns it.
func waitStreaming(t testing.TB, s *sim.Server, before int) sim.Conn {
	t.Helper()
	var got sim.Conn
	err := s.WaitFor(bounded(t), func() bool {
		cs := tsConns(s)
		if len(cs) <= before {
			return false
		}
		got = cs[len(cs)-1]
		return got.Active() && got.Bytes > 0
	})
	if err != nil {
		t.Fatalf("no stream served: %v; connections %+v; rejections %+v", err, s.Connections(), s.Rejections())
	}
	return got
}

// tsConns is every TS stream connection, oldest first.
func tsConns(s *sim.Server) []sim.Conn {
	var out []sim.Conn
	for _, c := range s.Connections() {
		if c.Kind == sim.KindTS {
			out = append(out, c)
		}
	}
	return out
}

// lastClose is when the last of the connections closed; zero if one is open.
func lastClose(cs []sim.Conn) time.Time {
	var last time.Time
	for _, c := range cs {
		if c.Active() {
			return time.Time{}
		}
		if c.Close.After(last) {
			last = c.Close
		}
	}
	return last
}

// children lists the processes whose parent is pid (the players tuner started).
func children(pid int) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name in parentheses may hold spaces: read after it.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		f := strings.Fields(rest)
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, child)
		}
	}
	return out
}

// alive reports whether pid still runs (a zombie counts as gone).
func alive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	f := strings.Fields(rest)
	return len(f) > 0 && f[0] != "Z"
}

// waitGone waits until pid no longer runs.
func waitGone(t testing.TB, ctx context.Context, pid int) {
	t.Helper()
	for alive(pid) {
		select {
		case <-ctx.Done():
			t.Fatalf("process %d still runs", pid)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// mpvChild waits for the mpv process tuner starts (the gate may open the
// upstream connection before the player runs). Whatever the test does, the
// player does not outlive it.
func mpvChild(t testing.TB, tunerPID int) int {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		for _, c := range children(tunerPID) {
			comm, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(c), "comm"))
			if strings.TrimSpace(string(comm)) != "mpv" {
				continue
			}
			t.Cleanup(func() {
				if alive(c) {
					_ = syscall.Kill(c, syscall.SIGKILL)
				}
			})
			return c
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("tuner (pid %d) started no mpv", tunerPID)
	return 0
}

func signal(t testing.TB, pid int, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatalf("kill -%d %d: %v", sig, pid, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
