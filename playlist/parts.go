package playlist

// Part is the channels of one kind in a list.
type Part struct {
	Kind Kind
	// Members are the part's channels, ascending indexes into the list;
	// nil when the part is the whole list. Like a Group's, they may lie
	// in a read-only mapping.
	Members []int32
	// Groups are the part's own groups, their Members indexes into the
	// part; nil when the part is the whole list, whose Groups they are.
	Groups []Group
}

// Parts splits chs by kind: one Part for each kind present, in Kind order,
// each with its groups and their members. A list of one kind is a single
// Part that is the whole list; an empty list has none.
func Parts(chs Channels) []Part {
	var idx [kindCount][]int32
	for i := range chs.Len() {
		c := chs.Get(i)
		k := c.Kind()
		if k >= kindCount {
			k = KindLive
		}
		idx[k] = append(idx[k], int32(i))
	}
	var parts []Part
	for k, members := range idx {
		switch {
		case len(members) == chs.Len():
			return []Part{{Kind: Kind(k)}}
		case len(members) > 0:
			parts = append(parts, Part{Kind: Kind(k), Members: members, Groups: GroupsWithMembers(chs.PickSorted(members))})
		}
	}
	return parts
}
