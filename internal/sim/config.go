package sim

import (
	"sync"
	"time"
)

// Status is an account's state as panels name it in user_info.status.
type Status string

// Account states. Anything but Active answers 403 on streams.
const (
	Active   Status = "Active"
	Expired  Status = "Expired"
	Banned   Status = "Banned"
	Disabled Status = "Disabled"
)

// OverLimit is what the panel does with a connection beyond max_connections.
type OverLimit int

const (
	// Reject401 answers 401 with an empty body and no WWW-Authenticate header,
	// which is how panels refuse a second connection from another address.
	Reject401 OverLimit = iota
	// KickOldest cuts the oldest connection and serves the new one, the common
	// panel default.
	KickOldest
)

func (o OverLimit) String() string {
	if o == KickOldest {
		return "kick-oldest"
	}
	return "reject-401"
}

// Faults makes the panel misbehave. The zero value is a well-behaved panel.
type Faults struct {
	// FirstByteDelay holds a stream's response headers back this long, after its
	// slot is taken.
	FirstByteDelay time.Duration
	// APIDelay holds player_api.php, get.php and xmltv.php answers back this long.
	APIDelay time.Duration
	// DropAfterBytes cuts a TS stream's TCP connection after about this many
	// bytes (rounded up to whole packets); 0 never.
	DropAfterBytes int64
	// DropAfter cuts a TS stream's TCP connection this long after it opened; 0 never.
	DropAfter time.Duration
	// Status5xx, when set (e.g. 502, 503), answers every stream request with it.
	Status5xx int
	// APIStatus5xx, when set, answers player_api.php, get.php and xmltv.php with it.
	APIStatus5xx int
	// Linger keeps a TS stream's slot counted this long after its client's TCP
	// connection closed, as a panel does when a client vanished without a
	// goodbye (a Wi-Fi or VPN drop): the case behind most 401s. It is read
	// when the client disconnects.
	Linger time.Duration
	// IPLock, when set to 401 or 403, refuses every stream with it while the
	// account is fine and slots are free, as panels locked to another address do.
	IPLock int
	// RateLimit answers 429 to a client address's request once it has made
	// RateLimit requests within RateWindow. It counts API calls, playlists,
	// guides and stream opens, not HLS segments or logos. 0 means no limit;
	// RateWindow defaults to a minute.
	RateLimit  int
	RateWindow time.Duration
}

// Config describes the simulated account and panel. Zero fields take defaults.
type Config struct {
	Username string // default "demo"
	Password string // default "demo"
	// MaxConnections is the account's slot count; default 1.
	MaxConnections int
	// Channels is the size of the channel list; default 300.
	Channels int
	// Movies and Series are the sizes of the film and series catalogues;
	// defaults 60 and 12, any size up to hundreds of thousands.
	Movies int
	Series int
	// VODLength, when set, is how long every movie and episode file plays
	// (rounded up to whole loops of the clip) whatever its listed running
	// time, so a test can play one to its end.
	VODLength time.Duration
	// PlaylistVOD lists the movies and episodes in get.php?type=m3u_plus after
	// the channels, as panels do; off, the playlist holds channels only.
	PlaylistVOD bool
	// ArchiveDays is how far back the archive channels (every fourth, from
	// the first) keep what they aired; default 3, negative for none.
	ArchiveDays int
	// PlaylistCatchup writes catchup="xc" and catchup-days on the archive
	// channels of get.php?type=m3u_plus, as some panels do.
	PlaylistCatchup bool
	// GuideChannels caps how many channels xmltv.php describes, so a huge list
	// does not make a huge guide; default 2000.
	GuideChannels int
	OverLimit     OverLimit
	// HLSGrace is how long an HLS session keeps its slot after its last
	// request; default 30 s.
	HLSGrace time.Duration
	Status   Status    // default Active
	ExpDate  time.Time // zero: never expires (exp_date null)
	// Timezone is the server_info.timezone IANA name; default "Europe/Berlin",
	// neither UTC nor, mostly, the machine's: a replay asked for in the wrong
	// zone then asks for the wrong hour.
	Timezone string
	Faults   Faults
	// Clock supplies the time for records, HLS grace and rate windows; default
	// the system clock. Stream pacing always runs on real time.
	Clock Clock
}

func (c Config) withDefaults() Config {
	if c.Username == "" {
		c.Username = "demo"
	}
	if c.Password == "" {
		c.Password = "demo"
	}
	if c.MaxConnections <= 0 {
		c.MaxConnections = 1
	}
	if c.Channels <= 0 {
		c.Channels = 300
	}
	if c.Movies <= 0 {
		c.Movies = 60
	}
	if c.Series <= 0 {
		c.Series = 12
	}
	if c.ArchiveDays == 0 {
		c.ArchiveDays = 3
	}
	if c.GuideChannels <= 0 {
		c.GuideChannels = 2000
	}
	if c.HLSGrace <= 0 {
		c.HLSGrace = 30 * time.Second
	}
	if c.Status == "" {
		c.Status = Active
	}
	if c.Timezone == "" {
		c.Timezone = "Europe/Berlin"
	}
	if c.Clock == nil {
		c.Clock = systemClock{}
	}
	return c
}

// DemoConfig is the account `tuner demo` serves: one connection, refused with
// 401 beyond it, so the occupied-slot case is easy to show.
func DemoConfig() Config {
	return Config{
		Username: "demo",
		// Not "demo": tuner masks the password wherever it appears, and a
		// password equal to the username would mask the username too.
		Password:       "demo-password",
		MaxConnections: 1,
		Channels:       300,
		Movies:         120,
		Series:         24,
		OverLimit:      Reject401,
		ExpDate:        time.Now().AddDate(0, 0, 30).Truncate(24 * time.Hour),
	}
}

// Clock is a source of the current time.
type Clock interface{ Now() time.Time }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// FakeClock is a Clock that moves only when told to, for tests of the HLS grace
// period and rate windows.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a clock stopped at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
