package browser

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// jumpTimeout is how long typed digits wait for the next one.
const jumpTimeout = 1500 * time.Millisecond

// jumpState is a channel number being typed. The cursor follows every digit;
// the digits are forgotten after a pause, on enter, or on esc.
type jumpState struct {
	digits string
	miss   bool // no channel has that number in the list
	seq    int
}

func (j *jumpState) reset() { j.digits, j.miss = "", false }

type jumpTimeoutMsg struct{ seq int }

func (m *Model) typeDigit(d string) tea.Cmd {
	if len(m.jump.digits) >= 6 {
		m.jump.digits = ""
	}
	m.jump.digits += d
	m.jump.seq++
	m.jump.miss = !m.jumpTo(m.jump.digits)
	seq := m.jump.seq
	return m.tick(jumpTimeout, func(time.Time) tea.Msg { return jumpTimeoutMsg{seq: seq} })
}

func (m *Model) jumpTimeout(msg jumpTimeoutMsg) {
	if msg.seq == m.jump.seq {
		m.jump.reset()
	}
}

// jumpTo moves the cursor to the first channel in the list with that
// number, or failing that to the first whose number starts with it, so the
// cursor follows each digit typed.
func (m *Model) jumpTo(digits string) bool {
	if m.cat == nil {
		return false
	}
	first := -1
	for k := range m.rowCount() {
		exact, prefix := m.cat.matchNumber(m.rowAt(k), digits)
		if exact {
			first = k
			break
		}
		if prefix && first < 0 {
			first = k
		}
	}
	if first < 0 {
		return false
	}
	m.cl.jump(first, m.rowCount())
	m.focus = channelsPane
	return true
}
