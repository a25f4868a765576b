package cmd

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// simPassword is the simulated account's password in scripts: distinctive,
// so `sim nosecret` can tell it apart from anything else in the output.
const simPassword = "Pw-9x7-s3cret"

// scriptCmds are the commands scripts get besides testscript's own.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"sim":   cmdSim,
		"exits": cmdExits,
		"serve": cmdServe,
		"sched": cmdSched,
	}
}

// sims holds each script's simulator; scripts run in parallel.
var sims sync.Map // *testscript.TestScript -> *sim.Server

func scriptSim(ts *testscript.TestScript) *sim.Server {
	s, ok := sims.Load(ts)
	if !ok {
		ts.Fatalf("no simulator: run `sim start` first")
	}
	return s.(*sim.Server)
}

// cmdSim drives the provider simulator from a script:
//
//	sim start [-max N] [-status S] [-expires DUR] [-channels N] [-over kick|401]
//	          [-api-delay DUR] [-api-status CODE] [-stream-status CODE] [-rate-limit N]
//	    starts it on 127.0.0.1 and sets SIM_URL, SIM_HOST, SIM_USER, SIM_PASS and
//	    SIM_GET (a get.php URL with the credentials)
//	sim stop                 closes it, so its address refuses connections
//	sim occupy N             takes N slots as another device
//	sim status S             sets the account status (Active, Expired, Banned, Disabled)
//	sim active N             waits (up to 5 s) until exactly N slots are in use
//	sim sent N               waits (up to 5 s) until the streams open sent N bytes
//	sim opened N             tuner opened exactly N streams
//	sim peak N               tuner never held more than N streams at once
//	sim requests N           exactly N API requests (player_api, get.php, xmltv) arrived
//	sim nosecret             the last command's stdout and stderr hold no password
//	sim next ID VAR          sets VAR to the title of a programme on channel ID
//	                         that starts in the guide's coming hours
func cmdSim(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: sim start|stop|occupy|status|active|opened|peak|requests|nosecret")
	}
	if neg {
		ts.Fatalf("sim does not support negation; assert the opposite instead")
	}
	switch args[0] {
	case "start":
		simStart(ts, args[1:])
	case "stop":
		scriptSim(ts).Close()
		sims.Delete(ts)
	case "occupy":
		scriptSim(ts).Occupy(atoi(ts, args, 1))
	case "status":
		if len(args) != 2 {
			ts.Fatalf("usage: sim status Active|Expired|Banned|Disabled")
		}
		scriptSim(ts).SetStatus(sim.Status(args[1]))
	case "active":
		simWaitActive(ts, atoi(ts, args, 1))
	case "sent":
		simWaitSent(ts, int64(atoi(ts, args, 1)))
	case "opened":
		want := atoi(ts, args, 1)
		if got := len(streamConns(scriptSim(ts))); got != want {
			ts.Fatalf("tuner opened %d streams, want %d", got, want)
		}
	case "peak":
		want := atoi(ts, args, 1)
		if got := peakOpen(streamConns(scriptSim(ts))); got > want {
			ts.Fatalf("tuner held %d streams at once, want at most %d", got, want)
		}
	case "requests":
		want := atoi(ts, args, 1)
		if got := len(scriptSim(ts).APIRequests()); got != want {
			ts.Fatalf("%d API requests, want %d", got, want)
		}
	case "nosecret":
		simNoSecret(ts)
	case "next":
		simNext(ts, args[1:])
	default:
		ts.Fatalf("sim: unknown subcommand %q", args[0])
	}
}

func simStart(ts *testscript.TestScript, args []string) {
	fs := flag.NewFlagSet("sim start", flag.ContinueOnError)
	maxConns := fs.Int("max", 1, "connections allowed")
	status := fs.String("status", "Active", "account status")
	expires := fs.Duration("expires", 0, "expiry from now; negative for the past; 0 never")
	channels := fs.Int("channels", 30, "channels in the lineup")
	over := fs.String("over", "401", "over the limit: 401 or kick")
	apiDelay := fs.Duration("api-delay", 0, "delay of every API answer")
	apiStatus := fs.Int("api-status", 0, "answer API requests with this status")
	streamStatus := fs.Int("stream-status", 0, "answer stream requests with this status")
	rateLimit := fs.Int("rate-limit", 0, "429 after this many requests a minute")
	if err := fs.Parse(args); err != nil {
		ts.Fatalf("sim start: %v", err)
	}
	cfg := sim.Config{
		Password: simPassword, MaxConnections: *maxConns, Status: sim.Status(*status),
		Channels: *channels, HLSGrace: time.Minute,
		Faults: sim.Faults{
			APIDelay: *apiDelay, APIStatus5xx: *apiStatus, Status5xx: *streamStatus,
			RateLimit: *rateLimit, RateWindow: time.Minute,
		},
	}
	if *over == "kick" {
		cfg.OverLimit = sim.KickOldest
	}
	if *expires != 0 {
		cfg.ExpDate = time.Now().Add(*expires)
	}
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		ts.Fatalf("sim start: %v", err)
	}
	if _, loaded := sims.LoadOrStore(ts, s); loaded {
		s.Close()
		ts.Fatalf("sim start: a simulator is already running in this script")
	}
	ts.Defer(func() {
		s.Close()
		sims.CompareAndDelete(ts, s)
	})
	u, _ := url.Parse(s.URL())
	ts.Setenv("SIM_URL", s.URL())
	ts.Setenv("SIM_HOST", u.Host)
	ts.Setenv("SIM_USER", s.Username())
	ts.Setenv("SIM_PASS", s.Password())
	ts.Setenv("SIM_GET", s.URL()+"/get.php?"+url.Values{
		"username": {s.Username()}, "password": {s.Password()}, "type": {"m3u_plus"}, "output": {"ts"},
	}.Encode())
}

// simNext picks a programme an hour or more away, so it is still to come when
// tuner reads the guide, and ends well inside the guide's nine hours.
func simNext(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sim next ID VAR")
	}
	now := time.Now()
	for _, p := range scriptSim(ts).Programmes(atoi(ts, args, 0), now, now.Add(8*time.Hour)) {
		if p.Start.After(now.Add(time.Hour)) {
			ts.Setenv(args[1], p.Title)
			return
		}
	}
	ts.Fatalf("channel %s has no programme in the coming hours", args[0])
}

func simWaitActive(ts *testscript.TestScript, n int) {
	s := scriptSim(ts)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitActive(ctx, n); err != nil {
		ts.Fatalf("%d slots in use, want %d", s.Active(), n)
	}
}

// simNoSecret fails when the last command's output holds the password in
// any spelling a URL could give it.
func simNoSecret(ts *testscript.TestScript) {
	for _, name := range []string{"stdout", "stderr"} {
		out := ts.ReadFile(name)
		for _, form := range []string{simPassword, url.QueryEscape(simPassword), url.PathEscape(simPassword)} {
			if strings.Contains(out, form) {
				ts.Fatalf("%s shows the password:\n%s", name, out)
			}
		}
	}
}

func streamConns(s *sim.Server) []sim.Conn {
	var out []sim.Conn
	for _, c := range s.Connections() {
		if c.Kind != sim.KindOther {
			out = append(out, c)
		}
	}
	return out
}

// peakOpen is the most connections open at one instant; one still open
// counts until the end, and a close sorts before an open at the same instant.
func peakOpen(conns []sim.Conn) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, c := range conns {
		edges = append(edges, edge{c.Open, 1})
		if !c.Close.IsZero() {
			edges = append(edges, edge{c.Close, -1})
		}
	}
	sort.Slice(edges, func(i, j int) bool {
		if !edges[i].at.Equal(edges[j].at) {
			return edges[i].at.Before(edges[j].at)
		}
		return edges[i].delta < edges[j].delta
	})
	n, most := 0, 0
	for _, e := range edges {
		n += e.delta
		most = max(most, n)
	}
	return most
}

func atoi(ts *testscript.TestScript, args []string, i int) int {
	if len(args) <= i {
		ts.Fatalf("%s: missing number", strings.Join(args, " "))
	}
	n, err := strconv.Atoi(args[i])
	if err != nil {
		ts.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	return n
}

// cmdExits runs a program and checks its exit code and that neither its
// output nor its errors show the simulator's password:
//
//	exits CODE PROGRAM [ARGS...]
//
// stdout and stderr are then the program's, for the assertions that follow.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want := atoi(ts, args, 0)
	err := ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
	simNoSecret(ts)
}

// cmdServe serves a file over HTTP on 127.0.0.1 until the script ends:
//
//	serve VAR FILE [NULS]
//
// sets VAR to its URL; NULS zero bytes follow the file's content.
func cmdServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: serve VAR FILE [NULS]")
	}
	body := []byte(ts.ReadFile(args[1]))
	if len(args) == 3 {
		body = append(body, make([]byte, atoi(ts, args, 2))...)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "audio/x-mpegurl")
		w.Write(body)
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL+"/"+filepath.Base(args[1]))
}

// simWaitSent waits until the streams open have sent n bytes in all: a
// client reads them, so it is past its start.
func simWaitSent(ts *testscript.TestScript, n int64) {
	s := scriptSim(ts)
	sent := func() int64 {
		var total int64
		for _, c := range s.Connections() {
			if c.Active() {
				total += c.Bytes
			}
		}
		return total
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitFor(ctx, func() bool { return sent() >= n }); err != nil {
		ts.Fatalf("the streams sent %d bytes, want %d: %v", sent(), n, err)
	}
}
