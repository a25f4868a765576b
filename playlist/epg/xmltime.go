package epg

// parseTime reads an XMLTV time such as "20261123120000 +0100" and returns
// Unix seconds. The date may stop after the day, hour or minute; the offset
// may be "+hhmm", "+hh:mm", "+hh", "Z", "UTC" or "GMT", with or without a
// space before it, and a missing offset means UTC, as the XMLTV DTD says.
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
	switch string(b) {
	case "", "Z", "UTC", "GMT":
		return 0, true
	}
	if b[0] != '+' && b[0] != '-' {
		return 0, false
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
