package epg

// parseTime reads an XMLTV time such as "20261123120000 +0100" and returns
// Unix seconds. The date may stop after the day, hour or minute; the offset
// may be "+hhmm", "+hh:mm", "+hh" or a zone's abbreviation ("BST", the DTD's
// own example), with or without a space before it, and a missing offset means
// UTC, as the XMLTV DTD says.
// It is hand-written because it runs twice per programme and time.Parse
// cannot take the optional parts in one layout.
func parseTime(b []byte) (int64, bool) {
	b = trimSpace(b)
	n := 0
	for n < len(b) && n < 14 && isDigit(b[n]) {
		n++
	}
	if n < 8 || n%2 != 0 {
		return 0, false
	}
	year := digits(b[0:4])
	month := digits(b[4:6])
	day := digits(b[6:8])
	var hour, minute, sec int
	if n >= 10 {
		hour = digits(b[8:10])
	}
	if n >= 12 {
		minute = digits(b[10:12])
	}
	if n >= 14 {
		sec = digits(b[12:14])
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ||
		hour > 23 || minute > 59 || sec > 60 {
		return 0, false
	}
	off, ok := parseOffset(trimSpace(b[n:]))
	if !ok {
		return 0, false
	}
	days := daysFromCivil(year, month, day)
	return days*86400 + int64(hour*3600+minute*60+sec) - off, true
}

// parseOffset returns a zone offset in seconds east of UTC.
func parseOffset(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, true
	}
	if b[0] != '+' && b[0] != '-' {
		return namedZone(b)
	}
	sign := int64(1)
	if b[0] == '-' {
		sign = -1
	}
	b = b[1:]
	if len(b) == 5 && b[2] == ':' {
		b = []byte{b[0], b[1], b[3], b[4]}
	}
	if (len(b) != 2 && len(b) != 4) || !allDigits(b) {
		return 0, false
	}
	h, m := digits(b[:2]), 0
	if len(b) == 4 {
		m = digits(b[2:])
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * int64(h*3600+m*60), true
}

// daysFromCivil counts days from 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's algorithm), so no time.Time is built per programme.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func digits(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// namedZone returns the offset of a zone abbreviation. XMLTV takes them from
// Perl's Date::Manip; these are the ones guides write, read as they are in
// North America, Europe and Australia where an abbreviation has two meanings
// (CST is not China's). IST is left out: India, Ireland and Israel all use it.
func namedZone(b []byte) (int64, bool) {
	const h = 3600
	switch string(b) {
	case "Z", "UT", "UTC", "GMT", "WET":
		return 0, true
	case "BST", "WEST", "CET", "MET":
		return 1 * h, true
	case "CEST", "MEST", "EET":
		return 2 * h, true
	case "EEST", "MSK":
		return 3 * h, true
	case "AWST", "HKT", "SGT":
		return 8 * h, true
	case "JST", "KST":
		return 9 * h, true
	case "ACST":
		return 9*h + h/2, true
	case "AEST":
		return 10 * h, true
	case "ACDT":
		return 10*h + h/2, true
	case "AEDT":
		return 11 * h, true
	case "NZST":
		return 12 * h, true
	case "NZDT":
		return 13 * h, true
	case "NDT":
		return -2*h - h/2, true
	case "ADT":
		return -3 * h, true
	case "NST":
		return -3*h - h/2, true
	case "AST", "EDT":
		return -4 * h, true
	case "EST", "CDT":
		return -5 * h, true
	case "CST", "MDT":
		return -6 * h, true
	case "MST", "PDT":
		return -7 * h, true
	case "PST", "AKDT":
		return -8 * h, true
	case "AKST":
		return -9 * h, true
	case "HST":
		return -10 * h, true
	}
	return 0, false
}
