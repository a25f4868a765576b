// Package refusal is the screen shown when a provider will not serve a
// stream: the diagnosis in plain words and, for an occupied connection slot,
// the ways out (reboot, contact the provider, wait and retry, details). It
// also covers the slot held by another tuner on this machine, with the offer
// to take it over, and an account refused as it loads (wrong password,
// expired). All I/O goes through Doctor, called from commands.
package refusal

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/common"
)

// Doctor is what the screen needs from session/doctor; *doctor.Doctor
// implements it.
type Doctor interface {
	Diagnose(ctx context.Context, ch playlist.Channel, r *session.Refusal) doctor.Report
	DiagnoseLoad(ctx context.Context, source string, acct *playlist.Account, err error) (doctor.Report, bool)
	WaitForSlot(ctx context.Context, ch playlist.Channel, tick func(remaining, next time.Duration)) (bool, error)
	StopAllPlayers(ctx context.Context) (int, error)
	TakeOver(ctx context.Context, busy *session.SlotBusyError) error
	SaveMessage(text string) (string, error)
}

// BackMsg says the person is done with the screen: it pops it, as any
// screen pops.
type BackMsg = common.PopMsg

// PlayMsg asks for Channel to be played again, once: after a fix, a
// takeover, or when waiting found a free slot.
type PlayMsg struct{ Channel playlist.Channel }

// Options are what the screens share.
type Options struct {
	// Doctor diagnoses and carries out the fixes. Nil diagnoses from the
	// refusal alone and offers no fix that needs the provider or the
	// machine.
	Doctor Doctor
	// Getenv tells the terminal apart for the clipboard sequence; nil is
	// os.Getenv.
	Getenv func(string) string
	// Reenter offers to type a refused account's password again (p), sent
	// as a PasswordMsg.
	Reenter bool
}

type view int

const (
	viewMain view = iota
	viewReboot
	viewContact
	viewWait
	viewDetails
	viewPassword
)

// Model is one refusal (or busy slot) screen.
type Model struct {
	ctx    context.Context
	cancel context.CancelFunc
	com    *common.Common
	opts   Options
	keys   KeyMap
	w, h   int
	scroll int
	// overflows is true when the last frame did not fit: the footer then
	// offers the scroll keys.
	overflows bool

	ch      playlist.Channel
	source  string // the source whose account was refused as it loaded
	refusal *session.Refusal
	busy    *session.SlotBusyError
	report  *doctor.Report
	view    view

	reboot   rebootState
	contact  contactState
	wait     waitState
	take     takeState
	password passwordState
}

type rebootState struct {
	running, done bool
	stopped       int
	err           error
}

type contactState struct {
	message string
	saved   string
	saveErr error
}

type waitState struct {
	seq             int
	running, gaveUp bool
	remaining, next time.Duration
	last            *doctor.CheckResult
	err             error
	cancel          context.CancelFunc
}

type takeState struct {
	running bool
	err     error
}

// New returns the screen for a refused stream. Init starts the diagnosis.
func New(ctx context.Context, com *common.Common, opts Options, ch playlist.Channel, r *session.Refusal) *Model {
	m := newModel(ctx, com, opts, ch)
	m.refusal = r
	m.update()
	return m
}

// NewBusy returns the screen for a slot another tuner on this machine holds.
func NewBusy(ctx context.Context, com *common.Common, opts Options, ch playlist.Channel, busy *session.SlotBusyError) *Model {
	m := newModel(ctx, com, opts, ch)
	m.busy = busy
	m.update()
	return m
}

// NewLoad returns the screen for an account the provider refused as its
// source loaded, before any stream (see doctor.DiagnoseLoad): the diagnosis
// and its advice, nothing to retry.
func NewLoad(ctx context.Context, com *common.Common, opts Options, source string, rep doctor.Report) *Model {
	m := newModel(ctx, com, opts, playlist.Channel{Source: source})
	m.source = source
	m.report = &rep
	m.update()
	return m
}

func newModel(ctx context.Context, com *common.Common, opts Options, ch playlist.Channel) *Model {
	ctx, cancel := context.WithCancel(ctx)
	return &Model{ctx: ctx, cancel: cancel, com: com, opts: opts, keys: NewKeyMap(com.Keys), ch: ch, w: 80, h: 22}
}

// Channel is the channel the screen is about.
func (m *Model) Channel() playlist.Channel { return m.ch }

// Source is the source whose account was refused as it loaded, "" on the
// screens about a stream.
func (m *Model) Source() string { return m.source }

// Report is the diagnosis, nil until it arrives (and for a busy slot).
func (m *Model) Report() *doctor.Report { return m.report }

// Close cancels whatever the screen still runs (a wait, a diagnosis).
func (m *Model) Close() { m.cancel() }

// Init starts the diagnosis of a refusal.
func (m *Model) Init() tea.Cmd {
	if m.refusal == nil {
		return nil
	}
	return diagnoseCmd(m.ctx, m.opts.Doctor, m.ch, m.refusal)
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.w, m.h = max(w, 1), max(h, 1) }

// Capturing implements common.Component: the screen takes text only while
// the password prompt is open.
func (m *Model) Capturing() bool { return m.view == viewPassword }

// Cursor implements common.Component.
func (m *Model) Cursor() *tea.Cursor { return nil }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.view == viewPassword {
			cmd = m.handlePasswordKey(msg)
			break
		}
		cmd = m.handleKey(msg)
	case reportMsg:
		m.report = &msg.report
	case stoppedMsg:
		m.reboot = rebootState{done: true, stopped: msg.n, err: msg.err}
	case savedMsg:
		m.contact.saved, m.contact.saveErr = msg.path, msg.err
	case waitTickMsg:
		cmd = m.handleWaitTick(msg)
	case waitDoneMsg:
		cmd = m.handleWaitDone(msg)
	case takenMsg:
		cmd = m.handleTaken(msg)
	}
	m.update()
	return m, cmd
}

func (m *Model) show(v view) {
	m.view, m.scroll = v, 0
}

func (m *Model) back() tea.Cmd {
	if m.view == viewWait {
		m.stopWaiting()
	}
	if m.view != viewMain {
		m.show(viewMain)
		return nil
	}
	m.cancel()
	return func() tea.Msg { return BackMsg{} }
}

func (m *Model) retry() tea.Cmd {
	m.stopWaiting()
	m.cancel()
	ch := m.ch
	return func() tea.Msg { return PlayMsg{Channel: ch} }
}
