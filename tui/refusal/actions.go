package refusal

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/clipboard"
)

type reportMsg struct{ report doctor.Report }

type stoppedMsg struct {
	n   int
	err error
}

type savedMsg struct {
	path string
	err  error
}

type waitTickMsg struct {
	seq             int
	remaining, next time.Duration
	last            *doctor.CheckResult // the last account check, nil if unknown
	events          <-chan tea.Msg
}

type waitDoneMsg struct {
	seq  int
	free bool
	err  error
}

type takenMsg struct{ err error }

// diagnoseCmd asks the doctor, or without one diagnoses from the refusal
// alone (no account info, no lease history).
func diagnoseCmd(ctx context.Context, d Doctor, ch playlist.Channel, r *session.Refusal) tea.Cmd {
	return func() tea.Msg {
		if d != nil {
			return reportMsg{report: d.Diagnose(ctx, ch, r)}
		}
		e := diagnose.Evidence{Refusal: r, Now: r.At}
		e.About(ch)
		return reportMsg{report: doctor.Report{Diagnosis: diagnose.Diagnose(e), Facts: e, Contact: diagnose.NewContactInfo(e)}}
	}
}

// startReboot shows the steps and does the first one: tuner stops every
// player it started on this machine.
func (m *Model) startReboot() tea.Cmd {
	m.show(viewReboot)
	if m.opts.Doctor == nil || m.reboot.running || m.reboot.done {
		return nil
	}
	m.reboot.running = true
	d, ctx := m.opts.Doctor, m.ctx
	return func() tea.Msg {
		n, err := d.StopAllPlayers(ctx)
		return stoppedMsg{n: n, err: err}
	}
}

// startContact writes the message, copies it to the clipboard through the
// terminal (OSC 52, which also works over SSH) and saves it to a file.
func (m *Model) startContact() tea.Cmd {
	m.show(viewContact)
	if m.report == nil {
		return nil
	}
	m.contact.message = m.com.Mask(diagnose.MessageFor(m.report.Kind, m.report.Contact))
	cmds := []tea.Cmd{clipboard.Copy(m.contact.message, m.opts.Getenv)}
	if d := m.opts.Doctor; d != nil && m.contact.saved == "" {
		text := m.contact.message
		cmds = append(cmds, func() tea.Msg {
			path, err := d.SaveMessage(text)
			return savedMsg{path: path, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// startWait polls the account info (never the stream) in the background;
// countdown ticks come back one message at a time, each re-issuing the wait
// for the next, and the outcome comes last.
func (m *Model) startWait() tea.Cmd {
	m.show(viewWait)
	if m.wait.running {
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.wait = waitState{seq: m.wait.seq + 1, running: true, cancel: cancel}
	seq, d, ch := m.wait.seq, m.opts.Doctor, m.ch
	return func() tea.Msg {
		events := make(chan tea.Msg, 1)
		go func() {
			free, err := d.WaitForSlot(ctx, ch, func(remaining, next time.Duration) {
				tick := waitTickMsg{seq: seq, remaining: remaining, next: next, last: lastCheck(d, ch.Source)}
				select {
				case events <- tick:
				default: // the screen has not drawn the last one yet
				}
			})
			events <- waitDoneMsg{seq: seq, free: free, err: err}
			close(events)
		}()
		return next(events)()
	}
}

func next(events <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-events
		if !ok {
			return nil
		}
		if t, ok := msg.(waitTickMsg); ok {
			t.events = events
			return t
		}
		return msg
	}
}

func (m *Model) handleWaitTick(msg waitTickMsg) tea.Cmd {
	if msg.seq == m.wait.seq && m.wait.running {
		m.wait.remaining, m.wait.next = msg.remaining, msg.next
		m.wait.last = msg.last
	}
	return next(msg.events)
}

func (m *Model) handleWaitDone(msg waitDoneMsg) tea.Cmd {
	if msg.seq != m.wait.seq || !m.wait.running {
		return nil // a wait the person stopped
	}
	m.wait.running = false
	if msg.free {
		m.wait.cancel()
		return m.retry()
	}
	m.wait.gaveUp = msg.err == nil
	if !errors.Is(msg.err, context.Canceled) {
		m.wait.err = msg.err
	}
	return nil
}

func (m *Model) stopWaiting() {
	if m.wait.cancel != nil {
		m.wait.cancel()
	}
	m.wait.running = false
}

// startTakeOver stops the other tuner's player, then asks to play here.
func (m *Model) startTakeOver() tea.Cmd {
	m.take = takeState{running: true}
	d, ctx, busy := m.opts.Doctor, m.ctx, m.busy
	return func() tea.Msg { return takenMsg{err: d.TakeOver(ctx, busy)} }
}

func (m *Model) handleTaken(msg takenMsg) tea.Cmd {
	m.take = takeState{err: msg.err}
	if msg.err != nil {
		return nil
	}
	return m.retry()
}

// lastChecker is a Doctor that remembers its last account check
// (*doctor.Doctor does); the wait screen says when that was and what it
// heard.
type lastChecker interface {
	LastCheck(source string) (doctor.CheckResult, bool)
}

func lastCheck(d Doctor, source string) *doctor.CheckResult {
	lc, ok := d.(lastChecker)
	if !ok {
		return nil
	}
	if r, ok := lc.LastCheck(source); ok {
		return &r
	}
	return nil
}
