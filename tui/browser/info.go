package browser

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
)

// Info is what a provider says of a movie or a show beyond its catalogue
// entry, asked for when the person rests on it (get_vod_info,
// get_series_info).
type Info struct {
	Plot, Genre, Director, Cast string
	Seconds                     int32
	Rating                      float32
	Year                        uint16
}

// InfoMsg answers an InfoRequestMsg. A nil Info means none is to be had;
// the browser does not ask again for that entry.
type InfoMsg struct {
	Channel *playlist.Channel
	Info    *Info
	Err     error
}

// InfoRequestMsg asks for the details of a movie or a show that stayed
// selected for a moment.
type InfoRequestMsg struct{ Channel *playlist.Channel }

type infoTickMsg struct {
	seq int
	ch  *playlist.Channel
}

// infoState is the details known, and the wait before the next request.
type infoState struct {
	on    bool
	got   map[*playlist.Channel]InfoMsg
	asked *playlist.Channel
	seq   int
}

// EnableInfo lets the browser ask for the details of movies and shows.
func (m *Model) EnableInfo(on bool) { m.info.on = on }

func (m *Model) setInfo(msg InfoMsg) {
	if m.info.got == nil {
		m.info.got = map[*playlist.Channel]InfoMsg{}
	}
	m.info.got[msg.Channel] = msg
}

// askInfo starts the wait before the selected entry's details are asked
// for, as askShort does for a channel's guide.
func (m *Model) askInfo() tea.Cmd {
	ch := m.SelectedChannel()
	if !m.info.on || m.at == TabLive || ch == nil || ch.Extra == nil || ch.Extra.StreamID == "" || ch == m.info.asked {
		return nil
	}
	if k := ch.Kind(); k != playlist.KindMovie && k != playlist.KindSeries {
		return nil
	}
	if _, ok := m.info.got[ch]; ok {
		return nil
	}
	m.info.asked = ch
	m.info.seq++
	seq := m.info.seq
	return m.tick(shortDelay, func(time.Time) tea.Msg { return infoTickMsg{seq: seq, ch: ch} })
}

func (m *Model) infoTick(msg infoTickMsg) tea.Cmd {
	if msg.seq != m.info.seq {
		return nil
	}
	m.info.asked = nil
	if m.SelectedChannel() != msg.ch {
		return nil
	}
	m.setInfo(InfoMsg{Channel: msg.ch}) // asked: not again
	return func() tea.Msg { return InfoRequestMsg{Channel: msg.ch} }
}

// infoHeight is how many lines the details panel takes: none on live TV
// and on small terminals, where the lists need the room.
func (m *Model) infoHeight(h int) int {
	if m.at == TabLive || h < 14 {
		return 0
	}
	return 4
}

// infoLines draws the selected entry's details in h lines of w cells: the
// facts on one line, the plot wrapped below, then who made it.
func (m *Model) infoLines(w, h int) []string {
	lines := make([]string, h)
	ch := m.SelectedChannel()
	if ch == nil || h == 0 {
		return fill(lines, w)
	}
	got, asked := m.info.got[ch]
	var in Info
	if got.Info != nil {
		in = *got.Info
	}
	st := m.paints()
	lines[0] = m.padded(st.header, clean(ch.Name)+"  "+strings.Join(facts(ch, in), " · "), w)
	var body []string
	switch {
	case got.Err != nil:
		body = []string{"details: " + clean(playlist.MaskURL(got.Err.Error()))}
	case in.Plot != "":
		body = strings.Split(ansi.Wordwrap(clean(in.Plot), max(w-1, 1), ""), "\n")
	case asked && got.Info == nil && m.info.on:
		body = []string{"fetching details…"}
	}
	if people := credits(in); people != "" {
		if len(body) > h-2 {
			body = body[:h-2]
		}
		body = append(body, people)
	}
	for i := 1; i < h && i-1 < len(body); i++ {
		lines[i] = m.padded(st.detail, body[i-1], w)
	}
	return fill(lines, w)
}

func (m *Model) padded(p interface{ Render(string) string }, text string, w int) string {
	kept, tail, used := fit(m.com.Cells, text, w)
	return p.Render(kept+tail) + strings.Repeat(" ", w-used)
}

// facts are the short things known of an entry: year, rating, running time,
// genre; the list's own where the details have not come.
func facts(ch *playlist.Channel, in Info) []string {
	it := ch.ItemInfo()
	if it != nil {
		in.Year = firstSet(in.Year, it.Year)
		in.Rating = firstSet(in.Rating, it.Rating)
		in.Seconds = firstSet(in.Seconds, it.Seconds)
	}
	var out []string
	if in.Year > 0 {
		out = append(out, fmt.Sprint(in.Year))
	}
	if in.Rating > 0 {
		out = append(out, fmt.Sprintf("★ %.1f", in.Rating))
	}
	if in.Seconds > 0 {
		out = append(out, Runtime(time.Duration(in.Seconds)*time.Second))
	}
	if in.Genre != "" {
		out = append(out, clean(in.Genre))
	}
	return out
}

func credits(in Info) string {
	var parts []string
	if in.Director != "" {
		parts = append(parts, "director "+clean(in.Director))
	}
	if in.Cast != "" {
		parts = append(parts, "cast "+clean(in.Cast))
	}
	return strings.Join(parts, " · ")
}

func firstSet[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

// Runtime is a running time as a person reads it: 1h 58m, 45m.
func Runtime(d time.Duration) string {
	mins := int(d.Round(time.Minute) / time.Minute)
	if mins < 60 {
		return fmt.Sprintf("%dm", max(mins, 1))
	}
	return fmt.Sprintf("%dh %02dm", mins/60, mins%60)
}

func (msg InfoMsg) infoOrZero() Info {
	if msg.Info == nil {
		return Info{}
	}
	return *msg.Info
}
