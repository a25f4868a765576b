package doctor

import (
	"context"
	"errors"
	"github.com/tuner-iptv/tuner/internal/clocktest"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/xtream"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
)

const src = "panel"

func startSim(t *testing.T, cfg sim.Config) *sim.Server {
	t.Helper()
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func client(s *sim.Server, pass string) *xtream.Client {
	return xtream.New(s.URL(), s.Username(), pass, remote.Options{})
}

func channel(s *sim.Server) playlist.Channel {
	return playlist.Channel{Name: "Channel 1", Source: src, URL: s.StreamURL(1, "ts")}
}

func refusal(s *sim.Server, status int, at time.Time) *session.Refusal {
	return &session.Refusal{Status: status, Header: http.Header{}, URL: playlist.MaskURL(s.StreamURL(1, "ts")), At: at}
}

func openStore(t *testing.T) *lease.Store {
	t.Helper()
	st, err := lease.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDiagnoseAgainstTheSimulator(t *testing.T) {
	now := time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		setup func(s *sim.Server)
		pass  string // "" is the right one
		want  diagnose.Kind
	}{
		{"slot taken by another device", func(s *sim.Server) { s.Occupy(1) }, "", diagnose.SlotOther},
		{"wrong password", nil, "wrong", diagnose.Credentials},
		{"expired", func(s *sim.Server) { s.SetStatus(sim.Expired) }, "", diagnose.Expired},
		{"banned", func(s *sim.Server) { s.SetStatus(sim.Banned) }, "", diagnose.Banned},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1})
			if tc.setup != nil {
				tc.setup(s)
			}
			pass := tc.pass
			if pass == "" {
				pass = s.Password()
			}
			d := New(Options{Store: openStore(t), Accounts: map[string]AccountInfo{src: Xtream(client(s, pass))},
				Now: func() time.Time { return now }})
			rep := d.Diagnose(context.Background(), channel(s), refusal(s, 401, now))
			if rep.Kind != tc.want {
				t.Fatalf("kind %v, want %v (%s)", rep.Kind, tc.want, rep.Summary)
			}
			if n := len(s.APIRequests()); n != 1 {
				t.Fatalf("%d account requests, want exactly 1", n)
			}
			if len(s.Connections()) > 1 || (tc.want != diagnose.SlotOther && len(s.Connections()) != 0) {
				t.Fatalf("the diagnosis opened a stream: %+v", s.Connections())
			}
		})
	}
}

func TestOccupiedSlotReportCarriesTheContact(t *testing.T) {
	now := time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)
	s := startSim(t, sim.Config{MaxConnections: 1, Password: "hunter2-secret"})
	s.Occupy(1)
	d := New(Options{Accounts: map[string]AccountInfo{src: Xtream(client(s, s.Password()))},
		Contacts: map[string]string{src: "support@provider.example"}, Now: func() time.Time { return now }})
	rep := d.Diagnose(context.Background(), channel(s), refusal(s, 401, now))
	if !strings.Contains(rep.Summary, "allows 1 connection") {
		t.Fatalf("summary does not say the limit: %q", rep.Summary)
	}
	msg := diagnose.ContactMessage(rep.Contact)
	for _, want := range []string{s.Username(), "support@provider.example", "1 of 1 allowed", "HTTP 401"} {
		if !strings.Contains(msg, want) {
			t.Fatalf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, s.Password()) {
		t.Fatalf("message holds the password:\n%s", msg)
	}
}

func TestHistoryLeavesOutTheRefusedAttempt(t *testing.T) {
	now := time.Now()
	store := openStore(t)
	ch := playlist.Channel{Name: "News", Source: "m3u", URL: "http://provider.test/live/alice/s3cret/7.m3u8"}
	masked := playlist.MaskURL(ch.URL)
	// The attempt that was refused: taken just before, released just after.
	l, err := store.Acquire(lease.Lease{Provider: "provider.test", Username: "alice", Channel: "News", URL: masked, HLS: true})
	if err != nil {
		t.Fatal(err)
	}
	r := &session.Refusal{Status: 401, URL: masked, At: time.Now()}
	if _, err := store.Release(l.ID, lease.Clean); err != nil {
		t.Fatal(err)
	}
	d := New(Options{Store: store, Now: func() time.Time { return now.Add(time.Second) }})

	rep := d.Diagnose(context.Background(), ch, r)
	if len(rep.Facts.Own) != 0 {
		t.Fatalf("the refused attempt counts as history: %+v", rep.Facts.Own)
	}
	if rep.Kind == diagnose.SlotOwnEarlier {
		t.Fatalf("the refused attempt was taken for an earlier session: %s", rep.Summary)
	}
}

func TestHistoryKeepsARecentHLSStop(t *testing.T) {
	store := openStore(t)
	ch := playlist.Channel{Name: "News", Source: "m3u", URL: "http://provider.test/live/alice/s3cret/7.ts"}
	earlier, err := store.Acquire(lease.Lease{Provider: "provider.test", Username: "alice", Channel: "Sport",
		URL: "http://provider.test/live/alice/***/9.m3u8", HLS: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Release(earlier.ID, lease.Clean); err != nil {
		t.Fatal(err)
	}
	d := New(Options{Store: store, Now: func() time.Time { return time.Now().Add(10 * time.Second) }})
	rep := d.Diagnose(context.Background(), ch, &session.Refusal{Status: 401, URL: playlist.MaskURL(ch.URL), At: time.Now()})
	if rep.Kind != diagnose.SlotOwnEarlier || len(rep.Facts.Own) != 1 || rep.Facts.Own[0].Channel != "Sport" {
		t.Fatalf("kind %v, own %+v: the HLS stream stopped seconds ago should explain the slot", rep.Kind, rep.Facts.Own)
	}
	if rep.Facts.Source != diagnose.SourceHTTP || rep.Contact.Username != "alice" || rep.Contact.ProviderHost != "provider.test" {
		t.Fatalf("source %v contact %+v", rep.Facts.Source, rep.Contact)
	}
}

func TestWaitForSlotPollsPolitelyAndSeesTheSlotFree(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1})
	free := s.Occupy(1)
	clk := clocktest.New(time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	var asked []time.Time
	xc := client(s, s.Password())
	ai := AccountFunc(func(ctx context.Context) (*playlist.Account, error) {
		mu.Lock()
		asked = append(asked, clk.Now())
		if len(asked) == 3 {
			free() // another device gives the slot back
		}
		mu.Unlock()
		return Xtream(xc).AccountInfo(ctx)
	})
	d := New(Options{Accounts: map[string]AccountInfo{src: ai}, Clock: clk, Now: clk.Now, WaitTimeout: 5 * time.Minute})
	d.Diagnose(context.Background(), channel(s), refusal(s, 401, clk.Now()))
	ticks := 0
	ok, err := d.WaitForSlot(context.Background(), channel(s), func(remaining, next time.Duration) { ticks++ })
	if !ok || err != nil {
		t.Fatalf("wait = %v, %v; want a free slot", ok, err)
	}
	mu.Lock()
	defer mu.Unlock()
	// The diagnosis, one check that finds the slot taken, one that finds it free.
	if len(asked) != 3 {
		t.Fatalf("%d account requests, want 3", len(asked))
	}
	for i := 1; i < len(asked); i++ {
		if gap := asked[i].Sub(asked[i-1]); gap < diagnose.MinInterval {
			t.Fatalf("requests %d and %d only %v apart", i-1, i, gap)
		}
	}
	if ticks == 0 {
		t.Fatal("no countdown ticks")
	}
	for _, c := range s.Connections() {
		if c.Kind != sim.KindOther {
			t.Fatalf("waiting opened a stream: %+v", c)
		}
	}
}

func TestWaitForSlotNeedsAccountInfo(t *testing.T) {
	d := New(Options{})
	ok, err := d.WaitForSlot(context.Background(), playlist.Channel{Source: "m3u"}, nil)
	if ok || !errors.Is(err, ErrNoAccountInfo) {
		t.Fatalf("wait on a plain playlist = %v, %v", ok, err)
	}
}

func TestStopAllPlayersWithNothingRunning(t *testing.T) {
	d := New(Options{Store: openStore(t)})
	n, err := d.StopAllPlayers(context.Background())
	if n != 0 || err != nil {
		t.Fatalf("StopAllPlayers = %d, %v", n, err)
	}
}

func TestSaveMessage(t *testing.T) {
	dir := t.TempDir()
	d := New(Options{MessageDir: dir})
	path, err := d.SaveMessage("hello")
	if err != nil || !strings.HasPrefix(path, dir) {
		t.Fatalf("SaveMessage = %q, %v", path, err)
	}
	if _, err := New(Options{}).SaveMessage("x"); err == nil {
		t.Fatal("saving with no directory did not fail")
	}
}
