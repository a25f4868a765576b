package tui

import (
	"context"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
)

// refusedAt is the fixed clock of the refusal screens' samples.
var refusedAt = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

// fakeDoctor diagnoses every refusal as the sample of one kind and records
// the fixes it was asked for.
type fakeDoctor struct {
	kind diagnose.Kind

	mu        sync.Mutex
	stops     int
	takeOvers int
	waits     int
	free      bool // WaitForSlot finds a free slot
	block     bool // WaitForSlot ticks once and waits until cancelled
}

func (d *fakeDoctor) Diagnose(_ context.Context, _ playlist.Channel, _ *session.Refusal) doctor.Report {
	e := diagnosetest.Sample(d.kind, refusedAt)
	rep := doctor.Report{Diagnosis: diagnose.Diagnose(e), Facts: e, Contact: diagnose.NewContactInfo(e)}
	rep.Contact.ProviderContact = "support@provider.example"
	return rep
}

// DiagnoseLoad explains a load as the real doctor does for an Xtream
// account.
func (d *fakeDoctor) DiagnoseLoad(_ context.Context, source string, acct *playlist.Account, err error) (doctor.Report, bool) {
	return doctor.LoadReport(source, acct, err, refusedAt)
}

func (d *fakeDoctor) WaitForSlot(ctx context.Context, _ playlist.Channel, tick func(remaining, next time.Duration)) (bool, error) {
	d.mu.Lock()
	d.waits++
	free, block := d.free, d.block
	d.mu.Unlock()
	tick(165*time.Second, 12*time.Second)
	if block {
		<-ctx.Done()
		return false, ctx.Err()
	}
	return free, nil
}

func (d *fakeDoctor) StopAllPlayers(context.Context) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stops++
	return 1, nil
}

func (d *fakeDoctor) TakeOver(context.Context, *session.SlotBusyError) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.takeOvers++
	return nil
}

func (d *fakeDoctor) SaveMessage(string) (string, error) {
	return "state/tuner/contact-provider.txt", nil
}

func (d *fakeDoctor) counts() (stops, takeOvers, waits int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stops, d.takeOvers, d.waits
}

func (c *fakeController) setPlayErr(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.playErr = err
}

// gatedController also tells its gate's URL, as over SSH.
type gatedController struct{ *fakeController }

func (gatedController) GateURL() string { return "http://127.0.0.1:41234/s/0123abcd" }

// env is a fixed environment.
func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}
