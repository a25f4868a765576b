package tui

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
)

// startRefused opens the browser with a controller that refuses every
// stream as the sample of kind does, and a doctor diagnosing it so.
func startRefused(t *testing.T, kind diagnose.Kind, doc *fakeDoctor) (*driver, *fakeController) {
	t.Helper()
	ctrl := newFakeController()
	ctrl.playErr = &session.RefusedError{Refusal: diagnosetest.Sample(kind, refusedAt).Refusal}
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
		Doctor: doc, Getenv: env(nil), Theme: ThemeDark}, 80, 24)
	d.untilScreen("5 channels")
	return d, ctrl
}

// Every refusal screen at 80x24, colour off. Update with:
// go test ./tui/ -run GoldenRefusal -update
func TestGoldenRefusalScreens(t *testing.T) {
	for _, k := range diagnose.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			doc := &fakeDoctor{kind: k}
			d, _ := startRefused(t, k, doc)
			d.keys("enter")
			d.until("the diagnosis", diagnosed)
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestGoldenRefusalOptions(t *testing.T) {
	steps := []struct {
		name, keys, want string
	}{
		{"reboot", "r", "tuner stopped 1 player"},
		{"contact", "c", "Saved to state/tuner/contact-provider.txt"},
		{"wait", "w", "Next check in 12 s · giving up in 2:45"},
		{"details", "d", "What tuner saw"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			doc := &fakeDoctor{kind: diagnose.SlotOther, block: true}
			d, _ := startRefused(t, diagnose.SlotOther, doc)
			d.keys("enter")
			d.untilScreen("Connection slot in use: BBC One")
			d.keys(st.keys)
			d.untilScreen(st.want)
			golden.RequireEqual(t, d.final())
		})
	}
}

func TestGoldenSlotBusy(t *testing.T) {
	ctrl := newFakeController()
	ctrl.playErr = busyError()
	d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "home", pl: sample()}}, Controller: ctrl,
		Doctor: &fakeDoctor{}, Getenv: env(nil), Theme: ThemeDark}, 80, 24)
	d.untilScreen("5 channels")
	d.keys("enter")
	d.untilScreen("Slot held by another tuner")
	golden.RequireEqual(t, d.final())
}

func diagnosed(m *Model) bool { return m.refusal() != nil && m.refusal().Report() != nil }

func busyError() *session.SlotBusyError {
	return &session.SlotBusyError{Account: "alice@provider.test", Limit: 1,
		Holders: []lease.Lease{{Channel: "ITV", Tuner: lease.Proc{PID: 4242}}}}
}
