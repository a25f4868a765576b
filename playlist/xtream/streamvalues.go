package xtream

// addRaw decodes the kept values of an object as the fields of Stream read
// them, into scratch space the builder copies from.
func (d *streamDecoder) addRaw() {
	const (
		fNum, fName, fID, fIcon, fEPG, fCat, fArchive, fDuration = 0, 1, 3, 4, 5, 7, 9, 10
	)
	sc := d.scratch[:0]
	var at [6]int
	for i, f := range [...]int{fName, fEPG, fIcon, fID, fCat} {
		sc = appendStr(sc, d.raw[f])
		at[i+1] = len(sc)
	}
	d.scratch = sc
	it := &d.it
	it.name, it.tvg, it.logo, it.id, it.cat = sc[:at[1]], sc[at[1]:at[2]], sc[at[2]:at[3]], sc[at[3]:at[4]], sc[at[4]:at[5]]
	it.num, it.dur = intOf(d.raw[fNum]), intOf(d.raw[fDuration])
	it.archive = boolOf(d.raw[fArchive])
	d.b.add(it)
}

func (d *streamDecoder) addStream(st *Stream) {
	d.it = item{
		name: []byte(st.Name), tvg: []byte(st.EPGChannelID), logo: []byte(st.StreamIcon),
		id: []byte(st.StreamID), cat: []byte(st.CategoryID),
		num: int64(st.Num), dur: int64(st.TVArchiveDuration), archive: bool(st.TVArchive),
	}
	d.b.add(&d.it)
}

// appendStr appends what Str.UnmarshalJSON makes of raw, a value the
// scanner checked.
func appendStr(out, raw []byte) []byte {
	if len(raw) == 0 {
		return out
	}
	switch raw[0] {
	case '"':
		out, _ = appendUnquoted(out, raw)
		return out
	case 'n', '{', '[':
		return out
	}
	return append(out, raw...)
}

// intOf is Int.UnmarshalJSON, quicker for the digits nearly every panel
// sends, bare or quoted.
func intOf(raw []byte) int64 {
	digits := raw
	if n := len(digits); n >= 2 && digits[0] == '"' && digits[n-1] == '"' {
		digits = digits[1 : n-1]
	}
	if len(digits) == 0 || len(digits) > 18 {
		return slowInt(raw)
	}
	var v int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return slowInt(raw)
		}
		v = v*10 + int64(c-'0')
	}
	return v
}

func slowInt(raw []byte) int64 {
	var n Int
	_ = n.UnmarshalJSON(raw)
	return int64(n)
}

// boolOf is Bool.UnmarshalJSON, quicker for the usual spellings.
func boolOf(raw []byte) bool {
	switch string(raw) {
	case "", "0", `"0"`, "false", "null", `""`:
		return false
	case "1", `"1"`, "true":
		return true
	}
	var v Bool
	_ = v.UnmarshalJSON(raw)
	return bool(v)
}
