package browser

import tea "charm.land/bubbletea/v2"

// wheelStep is how many rows one wheel notch scrolls.
const wheelStep = 3

func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	ms := msg.Mouse()
	lo := m.layout()
	l, n := &m.cl, m.rowCount()
	if lo.groups.contains(ms.X, ms.Y) {
		l, n = &m.gl, len(m.groups)
	}
	switch ms.Button {
	case tea.MouseWheelUp:
		l.move(-wheelStep, n)
	case tea.MouseWheelDown:
		l.move(wheelStep, n)
	}
}

// handleClick selects the row under the pointer; clicking the selected
// channel again plays it.
func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	ms := msg.Mouse()
	if ms.Button != tea.MouseLeft || m.cat == nil {
		return nil
	}
	lo := m.layout()
	switch {
	case lo.groups.contains(ms.X, ms.Y) && ms.Y > lo.groups.y:
		m.focus = groupsPane
		k := m.gl.offset + ms.Y - lo.groups.y - 1
		if k < len(m.groups) {
			m.gl.jump(k, len(m.groups))
			return m.afterGroupMove()
		}
	case lo.channels.contains(ms.X, ms.Y) && ms.Y > lo.channels.y:
		wasFocused := m.focus == channelsPane
		m.focus = channelsPane
		k := m.cl.offset + ms.Y - lo.channels.y - 1
		if k >= m.rowCount() {
			return nil
		}
		if wasFocused && k == m.cl.cursor {
			return m.play()
		}
		m.cl.jump(k, m.rowCount())
	}
	return nil
}
