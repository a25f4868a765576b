package browser

// The browser's area, top to bottom: the header line (filter or hints), the
// two panes, a movie's or a show's details, the detail line. The panes sit side by side on wide terminals
// and stacked on narrow ones. Each pane starts with its title line.

// stackBelow is the width under which the panes are stacked.
const stackBelow = 70

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

type layout struct {
	stacked          bool
	groups, channels rect // including the title line
	sep              rect
	info             rect // a movie's or a show's details, above the detail line
	detailY          int
}

func (m *Model) layout() layout {
	w, h := max(m.width, 1), max(m.height, 4)
	ih := m.infoHeight(h)
	body := h - 2 - ih // minus header, details and detail line
	lo := layout{detailY: h - 1, info: rect{0, h - 1 - ih, w, ih}}
	if w < stackBelow {
		lo.stacked = true
		gh := max(body/3, 3)
		lo.groups = rect{0, 1, w, gh}
		lo.sep = rect{0, 1 + gh, w, 1}
		lo.channels = rect{0, 2 + gh, w, max(body-gh-1, 2)}
		return lo
	}
	gw := min(max(w*3/10, 18), 34)
	lo.groups = rect{0, 1, gw, body}
	lo.sep = rect{gw, 1, 1, body}
	lo.channels = rect{gw + 1, 1, w - gw - 1, body}
	return lo
}
