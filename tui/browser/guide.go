package browser

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/playlist/epg"
)

// GuideMsg hands the browser a programme guide matched to a catalog: Keys[i]
// is the guide key of catalog channel i. A guide matched to another catalog
// than the one shown is stale and dropped; the root matches again.
type GuideMsg struct {
	Catalog *Catalog
	Guide   *epg.Guide
	Keys    []epg.Key
}

// ShortGuideMsg is a one-channel guide (an Xtream get_short_epg answer) for
// a channel the full guide does not cover. A nil Guide means none is to be
// had; the browser does not ask again for that channel.
type ShortGuideMsg struct {
	Channel *playlist.Channel
	Guide   *epg.Guide
	Key     epg.Key
}

// ShortGuideRequestMsg asks for the short guide of a channel that stayed
// selected for a moment while no full guide is loaded.
type ShortGuideRequestMsg struct{ Channel *playlist.Channel }

// OpenGuideMsg asks for the schedule of a channel. Guide is nil when none is
// loaded; Key is zero when the channel has no guide channel.
type OpenGuideMsg struct {
	Channel playlist.Channel
	Guide   *epg.Guide
	Key     epg.Key
}

// shortDelay is how long a channel stays selected before its short guide is
// asked for, so scrolling through a list sends no request per row.
const shortDelay = 400 * time.Millisecond

type shortTickMsg struct {
	seq int
	ch  *playlist.Channel
}

type shortGuide struct {
	g *epg.Guide // nil while asked for, or when there is none
	k epg.Key
}

// guideState is what the browser knows of the programme guide.
type guideState struct {
	cat  *Catalog // the catalog keys index; a guide for another is not used
	g    *epg.Guide
	keys []epg.Key

	shortOn  bool
	short    map[*playlist.Channel]shortGuide
	asked    *playlist.Channel
	shortSeq int

	now func() time.Time
}

// SetClock sets the clock now and next are shown for; tests stop it.
func (m *Model) SetClock(now func() time.Time) { m.guide.now = now }

// EnableShortGuides lets the browser ask for a channel's short guide while no
// full guide is loaded; the root answers ShortGuideRequestMsg.
func (m *Model) EnableShortGuides(on bool) { m.guide.shortOn = on }

func (m *Model) now() time.Time {
	if m.guide.now == nil {
		return time.Now()
	}
	return m.guide.now()
}

func (m *Model) setGuide(msg GuideMsg) {
	// A guide is matched to the live catalogue, whichever tab is shown.
	live := m.views[TabLive].cat
	if m.at == TabLive {
		live = m.cat
	}
	if msg.Catalog != live || len(msg.Keys) != live.Len() {
		return // matched to a catalog no longer shown
	}
	m.guide.cat, m.guide.g, m.guide.keys = msg.Catalog, msg.Guide, msg.Keys
}

// fullGuide reports whether a full guide is matched to the catalog shown.
func (m *Model) fullGuide() bool { return m.guide.g != nil && m.guide.cat == m.cat }

// guideOf returns the guide and key of catalog channel i; a nil guide when
// neither the full guide nor a short one covers it.
func (m *Model) guideOf(i int32) (*epg.Guide, epg.Key) {
	if i < 0 || m.cat == nil {
		return nil, epg.Key{}
	}
	if m.fullGuide() {
		if k := m.guide.keys[i]; k.Valid() {
			return m.guide.g, k
		}
	}
	if s, ok := m.guide.short[m.cat.Channel(i)]; ok && s.g != nil {
		return s.g, s.k
	}
	if m.fullGuide() {
		return m.guide.g, epg.Key{}
	}
	return nil, epg.Key{}
}

func (m *Model) setShort(msg ShortGuideMsg) {
	if m.guide.short == nil {
		m.guide.short = map[*playlist.Channel]shortGuide{}
	}
	m.guide.short[msg.Channel] = shortGuide{g: msg.Guide, k: msg.Key}
}

// askShort starts the wait before the selected channel's short guide is
// asked for, when it may have one and no full guide is there.
func (m *Model) askShort() tea.Cmd {
	ch := m.SelectedChannel()
	if !m.guide.shortOn || m.at != TabLive || ch == nil || ch.Extra == nil || ch.Extra.StreamID == "" || m.fullGuide() || ch == m.guide.asked {
		return nil
	}
	if _, ok := m.guide.short[ch]; ok {
		return nil
	}
	m.guide.asked = ch
	m.guide.shortSeq++
	seq := m.guide.shortSeq
	return m.tick(shortDelay, func(time.Time) tea.Msg { return shortTickMsg{seq: seq, ch: ch} })
}

func (m *Model) shortTick(msg shortTickMsg) tea.Cmd {
	if msg.seq != m.guide.shortSeq {
		return nil // a newer wait is running
	}
	m.guide.asked = nil
	if m.SelectedChannel() != msg.ch || m.fullGuide() {
		return nil
	}
	m.setShort(ShortGuideMsg{Channel: msg.ch}) // asked: not again
	return func() tea.Msg { return ShortGuideRequestMsg{Channel: msg.ch} }
}

// openGuide asks for the selected channel's schedule.
func (m *Model) openGuide() tea.Cmd {
	i := m.SelectedIndex()
	if i < 0 {
		return nil
	}
	g, k := m.guideOf(i)
	msg := OpenGuideMsg{Channel: *m.cat.Channel(i), Guide: g, Key: k}
	return func() tea.Msg { return msg }
}

// nowNextParts is now and next of channel i for the detail line: the title on
// air with a bar of how far it is and the time left, then what follows.
func (m *Model) nowNextParts(i int32) []string {
	g, k := m.guideOf(i)
	if g == nil || !k.Valid() {
		return nil
	}
	now := m.now()
	cur, next := g.NowNext(k, now)
	var parts []string
	switch {
	case cur != nil:
		s := clock(cur.Start, now) + " " + cur.Title
		if !cur.Stop.IsZero() {
			s += " " + progressBar(cur.Progress(now), barCells) + " " + timeLeft(cur.Stop.Sub(now))
		}
		parts = append(parts, s)
	case next != nil:
		parts = append(parts, "nothing on now")
	}
	if next != nil {
		parts = append(parts, "next "+clock(next.Start, now)+" "+next.Title)
	}
	return parts
}

const barCells = 10

// progressBar draws p (0 to 1) in w cells, in characters rather than colour
// so it reads on a monochrome terminal.
func progressBar(p float64, w int) string {
	n := int(p*float64(w) + 0.5)
	n = min(max(n, 0), w)
	return strings.Repeat("█", n) + strings.Repeat("░", w-n)
}

func timeLeft(d time.Duration) string {
	mins := int((d + time.Minute - 1) / time.Minute)
	if mins < 60 {
		return fmt.Sprintf("%d min left", max(mins, 0))
	}
	return fmt.Sprintf("%dh%02d left", mins/60, mins%60)
}

// clock shows t in the zone of the clock's now: local time in use, a fixed
// zone in tests.
func clock(t, now time.Time) string { return t.In(now.Location()).Format("15:04") }

// OpenGridMsg asks for the programme grid on the list as it stands: Len
// rows, each a channel with its guide and its archive, the cursor on Row.
type OpenGridMsg struct {
	Len     int
	Row     int
	Channel func(row int) *playlist.Channel
	Guide   func(row int) (*epg.Guide, epg.Key)
	Archive func(row int) catchup.Spec
}

// openGrid asks for the grid over the rows shown, a copy of them: the list
// may change under the grid while it is open.
func (m *Model) openGrid() tea.Cmd {
	cat, n, all := m.cat, m.rowCount(), m.rowsAll
	rows := slices.Clone(m.rows)
	at := func(r int) int32 {
		if all {
			return int32(r)
		}
		return rows[r]
	}
	msg := OpenGridMsg{
		Len: n, Row: m.cl.cursor,
		Channel: func(r int) *playlist.Channel { return cat.Channel(at(r)) },
		Guide: func(r int) (*epg.Guide, epg.Key) {
			if cat != m.cat { // a newer catalog came: its indexes are not these
				return nil, epg.Key{}
			}
			return m.guideOf(at(r))
		},
		Archive: func(r int) catchup.Spec { return cat.ArchiveSpec(at(r)) },
	}
	return func() tea.Msg { return msg }
}

// OnNow is the programme the guide has on now on the selected channel, nil
// when it knows none.
func (m *Model) OnNow() *epg.Programme {
	i := m.SelectedIndex()
	if i < 0 {
		return nil
	}
	g, k := m.guideOf(i)
	if g == nil || !k.Valid() {
		return nil
	}
	cur, _ := g.NowNext(k, m.now())
	return cur
}
