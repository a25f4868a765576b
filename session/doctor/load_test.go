package doctor

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

var loadedAt = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

func TestLoadReport(t *testing.T) {
	const source = "alice@panel.example:8080"
	refused := func(status int, detail string) error {
		return &playlist.Error{Source: source, Problem: playlist.Refused, Status: status, Detail: detail}
	}
	acct := func(status string, expires time.Time) *playlist.Account {
		return &playlist.Account{Server: "http://panel.example:8080", Username: "alice", Auth: true, Status: status, ExpiresAt: expires}
	}
	for _, tc := range []struct {
		name string
		acct *playlist.Account
		err  error
		want diagnose.Kind // Unknown: no report
	}{
		{"auth 0", nil, refused(0, "credentials rejected (auth 0)"), diagnose.Credentials},
		{"HTTP 401", nil, refused(401, "credentials rejected (HTTP 401 Unauthorized)"), diagnose.Credentials},
		{"HTTP 403", nil, refused(403, "credentials rejected (HTTP 403 Forbidden)"), diagnose.Credentials},
		{"HTTP 404 is no verdict on the password", nil, refused(404, "credentials rejected (HTTP 404 Not Found)"), diagnose.Unknown},
		{"unreachable panel", nil, &playlist.Error{Source: source, Problem: playlist.Unreachable, Detail: "request failed"}, diagnose.Unknown},
		{"timed out", nil, &playlist.Error{Source: source, Problem: playlist.TimedOut}, diagnose.Unknown},
		{"expired", acct("Expired", loadedAt.AddDate(0, 0, -3)), nil, diagnose.Expired},
		{"banned", acct("Banned", loadedAt.AddDate(0, 6, 0)), nil, diagnose.Banned},
		{"disabled", acct("disabled", time.Time{}), nil, diagnose.Disabled},
		{"active", acct("Active", loadedAt.AddDate(0, 6, 0)), nil, diagnose.Unknown},
		{"active past its date is left to the stream", acct("Active", loadedAt.AddDate(0, 0, -1)), nil, diagnose.Unknown},
		{"no account", nil, nil, diagnose.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, ok := LoadReport(source, tc.acct, tc.err, loadedAt)
			if want := tc.want != diagnose.Unknown; ok != want {
				t.Fatalf("ok %v, want %v (%+v)", ok, want, rep.Diagnosis)
			}
			if !ok {
				return
			}
			if rep.Kind != tc.want {
				t.Fatalf("kind %v, want %v (%s)", rep.Kind, tc.want, rep.Summary)
			}
			if rep.Contact.Username != "alice" || rep.Contact.ProviderHost != "panel.example:8080" {
				t.Errorf("contact names %q at %q, want alice at panel.example:8080", rep.Contact.Username, rep.Contact.ProviderHost)
			}
			hasCheck := slices.Contains(rep.Advice, checkAdvice)
			if hasCheck != (tc.want == diagnose.Credentials) {
				t.Errorf("advice %q: `tuner check` offered %v", rep.Advice, hasCheck)
			}
			if tc.want == diagnose.Credentials && !strings.Contains(strings.Join(rep.Evidence, "\n"), tc.err.Error()) {
				t.Errorf("evidence %q does not quote the load's answer %q", rep.Evidence, tc.err)
			}
		})
	}
}

// The Xtream client's own errors for a wrong password, from the simulator,
// make the credentials report; the report holds no password.
func TestDiagnoseLoadOfAWrongPassword(t *testing.T) {
	s := startSim(t, sim.Config{Password: "The-Real-Secret"})
	c := client(s, "Not-The-Password")
	_, err := c.Load(context.Background(), func(int64, int64) {})
	if err == nil {
		t.Fatal("a wrong password loaded")
	}
	d := New(Options{Accounts: map[string]AccountInfo{c.Name(): Xtream(c)}, Contacts: map[string]string{c.Name(): "support@panel.example"},
		Now: func() time.Time { return loadedAt }})
	rep, ok := d.DiagnoseLoad(context.Background(), c.Name(), nil, err)
	if !ok || rep.Kind != diagnose.Credentials {
		t.Fatalf("DiagnoseLoad(%v) = %v, %v; want the credentials report", err, rep.Kind, ok)
	}
	if rep.Contact.Username != s.Username() || rep.Contact.ProviderContact != "support@panel.example" {
		t.Errorf("contact %+v", rep.Contact)
	}
	all := strings.Join(append(append([]string{rep.Title, rep.Summary, rep.LikelyCause}, rep.Evidence...), rep.Advice...), "\n")
	if strings.Contains(all, "Not-The-Password") || strings.Contains(all, s.Password()) {
		t.Errorf("the report shows a password:\n%s", all)
	}
	if n := len(s.Connections()); n != 0 {
		t.Errorf("the diagnosis opened %d streams", n)
	}
	if n := len(s.APIRequests()); n != 1 {
		t.Errorf("%d account requests, want only the load's own", n)
	}
}

func TestDiagnoseLoadLeavesPlaylistsAlone(t *testing.T) {
	d := New(Options{Now: func() time.Time { return loadedAt }})
	err := &playlist.Error{Source: "http://example.test/tv.m3u", Problem: playlist.Refused, Status: http.StatusUnauthorized}
	if rep, ok := d.DiagnoseLoad(context.Background(), "http://example.test/tv.m3u", nil, err); ok {
		t.Fatalf("a playlist without account info got a report: %+v", rep.Diagnosis)
	}
}
