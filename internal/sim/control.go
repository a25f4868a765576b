package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ControlHelp lists the commands Control understands.
const ControlHelp = `status Active|Expired|Banned|Disabled
expires never|past|DAYS
max N
password P
over reject|kick
occupy N        hold N slots as another device
release         give back every slot held by occupy
kick-all        cut every connection
fault none | 5xx CODE | api5xx CODE | slow DURATION | api-slow DURATION |
      drop-bytes N | drop-after DURATION | linger DURATION | iplock CODE |
      rate N WINDOW
active          print the number of slots in use
conns           print every connection, one a line
rejections      print every rejection, one a line`

// Control changes or reads the server with a short text command, so test
// scripts and a demo can drive it without Go code: Control("status",
// "Banned"), Control("occupy", "1"), Control("fault", "5xx", "503"). Faults
// set by Control replace all earlier faults. It returns text to print, if any.
func (s *Server) Control(args ...string) (string, error) {
	if len(args) == 0 {
		return "", fmt.Errorf("sim: no command; commands:\n%s", ControlHelp)
	}
	cmd, rest := args[0], args[1:]
	arg := func(i int) string {
		if i < len(rest) {
			return rest[i]
		}
		return ""
	}
	num := func(i int) (int, error) {
		n, err := strconv.Atoi(arg(i))
		if err != nil {
			return 0, fmt.Errorf("sim %s: %q is not a number", cmd, arg(i))
		}
		return n, nil
	}
	switch cmd {
	case "status":
		st := Status(arg(0))
		if st != Active && st != Expired && st != Banned && st != Disabled {
			return "", fmt.Errorf("sim status: unknown status %q", arg(0))
		}
		s.SetStatus(st)
	case "expires":
		return "", s.controlExpires(arg(0))
	case "max":
		n, err := num(0)
		if err != nil {
			return "", err
		}
		s.SetMaxConnections(n)
	case "password":
		if arg(0) == "" {
			return "", fmt.Errorf("sim password: no password given")
		}
		s.SetPassword(arg(0))
	case "over":
		switch arg(0) {
		case "reject":
			s.SetOverLimit(Reject401)
		case "kick":
			s.SetOverLimit(KickOldest)
		default:
			return "", fmt.Errorf("sim over: want reject or kick, not %q", arg(0))
		}
	case "occupy":
		n, err := num(0)
		if err != nil {
			return "", err
		}
		release := s.Occupy(n)
		s.mu.Lock()
		s.releases = append(s.releases, release)
		s.mu.Unlock()
	case "release":
		s.mu.Lock()
		rs := s.releases
		s.releases = nil
		s.mu.Unlock()
		for _, r := range rs {
			r()
		}
	case "kick-all":
		for _, c := range s.Connections() {
			s.Kick(c.ID)
		}
	case "fault":
		f, err := parseFault(rest)
		if err != nil {
			return "", err
		}
		s.SetFaults(f)
	case "active":
		return strconv.Itoa(s.Active()) + "\n", nil
	case "conns":
		var b strings.Builder
		for _, c := range s.Connections() {
			state := "active"
			if !c.Active() {
				state = "closed " + string(c.Reason)
			}
			fmt.Fprintf(&b, "%d %s stream=%d %s\n", c.ID, c.Kind, c.StreamID, state)
		}
		return b.String(), nil
	case "rejections":
		var b strings.Builder
		for _, r := range s.Rejections() {
			fmt.Fprintf(&b, "%d %s %s stream=%d\n", r.Status, r.Reason, r.Kind, r.StreamID)
		}
		return b.String(), nil
	default:
		return "", fmt.Errorf("sim: unknown command %q; commands:\n%s", cmd, ControlHelp)
	}
	return "", nil
}

func (s *Server) controlExpires(v string) error {
	switch v {
	case "never":
		s.SetExpDate(time.Time{})
	case "past":
		s.SetExpDate(s.now().Add(-24 * time.Hour))
	default:
		days, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("sim expires: want never, past or a number of days, not %q", v)
		}
		s.SetExpDate(s.now().Add(time.Duration(days) * 24 * time.Hour))
	}
	return nil
}

func parseFault(args []string) (Faults, error) {
	var f Faults
	if len(args) == 0 {
		return f, fmt.Errorf("sim fault: what fault? (none, 5xx, api5xx, slow, api-slow, drop-bytes, drop-after, linger, iplock, rate)")
	}
	val := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	var err error
	switch args[0] {
	case "none":
	case "5xx":
		f.Status5xx, err = strconv.Atoi(val(1))
	case "api5xx":
		f.APIStatus5xx, err = strconv.Atoi(val(1))
	case "slow":
		f.FirstByteDelay, err = time.ParseDuration(val(1))
	case "api-slow":
		f.APIDelay, err = time.ParseDuration(val(1))
	case "drop-bytes":
		f.DropAfterBytes, err = strconv.ParseInt(val(1), 10, 64)
	case "drop-after":
		f.DropAfter, err = time.ParseDuration(val(1))
	case "linger":
		f.Linger, err = time.ParseDuration(val(1))
	case "iplock":
		f.IPLock, err = strconv.Atoi(val(1))
	case "rate":
		if f.RateLimit, err = strconv.Atoi(val(1)); err == nil {
			f.RateWindow, err = time.ParseDuration(val(2))
		}
	default:
		return f, fmt.Errorf("sim fault: unknown fault %q", args[0])
	}
	if err != nil {
		return f, fmt.Errorf("sim fault %s: %v", args[0], err)
	}
	return f, nil
}
