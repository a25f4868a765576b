package browser

// vlist is the scrolling state of a list whose rows are drawn on demand: it
// knows the cursor and the first visible row, never the rows themselves, so a
// list of 300,000 channels costs the same to draw as one of 20.
type vlist struct {
	cursor int
	offset int
	height int // rows that fit
}

func (v *vlist) setHeight(h, n int) {
	v.height = max(h, 1)
	v.clamp(n)
}

// clamp keeps the cursor inside [0, n) and on screen.
func (v *vlist) clamp(n int) {
	if n <= 0 {
		v.cursor, v.offset = 0, 0
		return
	}
	v.cursor = min(max(v.cursor, 0), n-1)
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+v.height {
		v.offset = v.cursor - v.height + 1
	}
	// Do not leave empty rows below the end when the list could fill them.
	v.offset = max(min(v.offset, n-v.height), 0)
}

func (v *vlist) move(d, n int) {
	v.cursor += d
	v.clamp(n)
}

func (v *vlist) page(d, n int) {
	step := max(v.height-1, 1)
	v.cursor += d * step
	v.offset += d * step
	v.clamp(n)
}

func (v *vlist) jump(i, n int) {
	v.cursor = i
	v.clamp(n)
}

// visible returns the rows on screen: [start, end).
func (v *vlist) visible(n int) (int, int) {
	return v.offset, min(v.offset+v.height, n)
}
