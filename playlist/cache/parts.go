package cache

import "github.com/tuner-iptv/tuner/playlist"

// parts reads the part records: the whole list's groups and, for each kind,
// its channels and groups. Every member is checked (ascending, inside what
// it indexes) and then used where it lies in the mapping: the first screen
// needs no pass over the channels to split or group them.
func (d *decoder) parts(sec, groups, members []byte, nch int) ([]playlist.Group, []playlist.Part) {
	ms := int32s(members)
	if len(sec) < partSize || le.Uint32(sec) != wholeList || le.Uint32(sec[8:]) != 0 {
		d.bad = true
		return nil, nil
	}
	whole := d.groupsOf(sec[12:], groups, ms, nch)
	var parts []playlist.Part
	for b := sec[partSize:]; len(b) >= partSize; b = b[partSize:] {
		k := le.Uint32(b)
		if k > 255 || playlist.Kind(k).String() == "unknown" {
			d.bad = true
			return nil, nil
		}
		p := playlist.Part{Kind: playlist.Kind(k)}
		switch {
		case le.Uint32(b[8:]) > 0:
			p.Members = d.members(b[4:], ms, nch)
			p.Groups = d.groupsOf(b[12:], groups, ms, len(p.Members))
		case le.Uint32(b[16:]) > 0: // the whole list has the whole list's groups
			d.bad = true
		}
		parts = append(parts, p)
	}
	return whole, parts
}

// members reads the (first, count) at b as ascending indexes below n.
func (d *decoder) members(b []byte, ms []int32, n int) []int32 {
	first, count := uint64(le.Uint32(b)), uint64(le.Uint32(b[4:]))
	if first > uint64(len(ms)) || count > uint64(len(ms))-first {
		d.bad = true
		return nil
	}
	m := ms[first : first+count : first+count]
	prev := int32(-1)
	for _, j := range m {
		if j <= prev || int(j) >= n {
			d.bad = true
			return nil
		}
		prev = j
	}
	return m
}

// groupsOf reads the (first, count) at b as group records, their members
// indexes below n.
func (d *decoder) groupsOf(b, sec []byte, ms []int32, n int) []playlist.Group {
	first, count := uint64(le.Uint32(b)), uint64(le.Uint32(b[4:]))
	total := uint64(len(sec) / groupSize)
	if first > total || count > total-first {
		d.bad = true
		return nil
	}
	gs := make([]playlist.Group, count)
	for i := range gs {
		r := sec[(first+uint64(i))*groupSize:]
		m := d.members(r[refSize:], ms, n)
		if len(m) == 0 { // every group has a channel
			d.bad = true
		}
		if d.bad {
			return nil
		}
		gs[i] = playlist.Group{Name: d.str(r), Count: len(m), Members: m}
	}
	return gs
}
