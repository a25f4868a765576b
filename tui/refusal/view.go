package refusal

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/tuner-iptv/tuner/internal/words"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
)

// page collects the screen's lines: paragraphs wrapped to the width, with a
// one-cell margin.
type page struct {
	width int
	lines []string
	mask  func(string) string // every text passes through it
}

func (p *page) blank() { p.lines = append(p.lines, "") }

// text wraps s and paints every line with st.
func (p *page) text(st lipgloss.Style, s string) { p.indented(st, "", "", s) }

// indented wraps s after a first-line prefix, later lines aligned under it.
func (p *page) indented(st lipgloss.Style, first, rest, s string) {
	w := max(p.width-2-ansi.StringWidth(first), 8)
	for i, l := range strings.Split(ansi.Wrap(p.mask(s), w, ""), "\n") {
		pre := first
		if i > 0 {
			pre = rest
		}
		p.lines = append(p.lines, " "+pre+st.Render(l))
	}
}

// option is a key and what it does, as the main screen lists them.
func (p *page) option(keyStyle, st lipgloss.Style, k, s string) {
	pre := fmt.Sprintf("  %-5s ", k)
	p.indented(st, keyStyle.Render(pre), strings.Repeat(" ", len(pre)), s)
}

// View implements common.Component.
func (m *Model) View() string {
	p := &page{width: m.w, mask: m.com.Mask}
	switch {
	case m.busy != nil:
		m.busyView(p)
	case m.view == viewDetails:
		m.detailsView(p)
	case m.view == viewPassword:
		m.passwordView(p)
	case m.report == nil:
		m.pendingView(p)
	case m.view == viewReboot:
		m.rebootView(p)
	case m.view == viewContact:
		m.contactView(p)
	case m.view == viewWait:
		m.waitView(p)
	default:
		m.mainView(p)
	}
	return m.frame(p.lines)
}

// frame scrolls and clips the lines to the screen's area. When they do not
// fit, a line at the edge says there is more and which key shows it, so
// options below the screen are never lost without a word.
func (m *Model) frame(lines []string) string {
	out := make([]string, 0, m.h)
	m.overflows = len(lines) > m.h && m.h >= 3
	if !m.overflows {
		m.scroll = 0
		out = append(out, lines[:min(len(lines), m.h)]...)
	} else {
		m.scroll = min(m.scroll, len(lines)-(m.h-1))
		body := m.h
		if m.scroll > 0 {
			body--
			out = append(out, m.com.Styles.Hint.Render(fmt.Sprintf(" ↑ %d more (%s)", m.scroll, m.keys.Up.Help().Key)))
		}
		below := len(lines) - m.scroll - body
		if below > 0 {
			body--
			below++
		}
		out = append(out, lines[m.scroll:m.scroll+body]...)
		if below > 0 {
			out = append(out, m.com.Styles.Hint.Render(fmt.Sprintf(" ↓ %d more (%s)", below, m.keys.Down.Help().Key)))
		}
	}
	for len(out) < m.h {
		out = append(out, "")
	}
	for i, l := range out {
		out[i] = m.pad(l)
	}
	return strings.Join(out, "\n")
}

func (m *Model) pad(s string) string {
	cells := m.com.Cells
	if cells.StringWidth(s) > m.w {
		s = cells.Truncate(s, m.w, "…")
	}
	return s + strings.Repeat(" ", max(m.w-cells.StringWidth(s), 0))
}

// subject is what the screen is about: the channel, or the source whose
// account was refused as it loaded.
func (m *Model) subject() string {
	if m.source != "" {
		return m.source
	}
	return m.ch.Name
}

func (m *Model) title(p *page, s string) {
	p.text(m.com.Styles.PaneActive, s)
	p.blank()
}

func (m *Model) pendingView(p *page) {
	m.title(p, "Stream refused: "+m.ch.Name)
	p.text(m.com.Styles.Row, "The provider did not serve "+m.ch.Name+". Finding out why…")
}

func (m *Model) mainView(p *page) {
	st := m.com.Styles
	r := m.report
	m.title(p, r.Title+": "+m.subject())
	p.text(st.Row, r.Summary)
	if r.LikelyCause != "" {
		p.blank()
		p.text(st.Detail, "Likely cause: "+r.LikelyCause)
	}
	p.blank()
	if r.Kind.IsSlot() {
		p.text(st.PaneTitle, "What you can do")
		k := st.Help.ShortKey
		p.option(k, st.Row, "r", "Reboot: tuner stops its own players, then the steps for your router and devices")
		p.option(k, st.Row, "c", "Contact the provider: a ready message, copied and saved")
		if m.keys.Wait.Enabled() {
			p.option(k, st.Row, "w", "Wait and retry: checks the account every 15 s, plays when a slot frees")
		}
		p.option(k, st.Row, "d", "Details: what the provider answered")
		p.option(k, st.Row, "enter", "Retry now")
		return
	}
	p.text(st.PaneTitle, "What to do")
	for i, a := range r.Advice {
		n := fmt.Sprintf("%d. ", i+1)
		p.indented(st.Row, "  "+n, "  "+strings.Repeat(" ", len(n)), a)
	}
	if r.Kind.IsAccount() {
		m.accountOptions(p)
	}
	if m.keys.Password.Enabled() {
		p.blank()
		p.option(st.Help.ShortKey, st.Row, m.keys.Password.Help().Key, "Type the password again: tuner loads the account with it")
	}
}

// accountOptions are the facts and the keys of an account the provider
// refuses: its expiry date, the message for the provider, and what enter
// and esc do.
func (m *Model) accountOptions(p *page) {
	st := m.com.Styles
	if a := m.report.Facts.Account; a != nil && !a.ExpiresAt.IsZero() {
		p.blank()
		p.text(st.Row, "Expiry date: "+a.ExpiresAt.UTC().Format("2006-01-02"))
	}
	p.blank()
	k := st.Help.ShortKey
	p.option(k, st.Row, m.keys.Contact.Help().Key, "Contact the provider: a ready message, copied and saved")
	if m.keys.Retry.Enabled() {
		p.option(k, st.Row, "enter", "Retry "+m.ch.Name+" once the provider restored the account")
	}
	if m.source != "" {
		p.option(k, st.Row, "esc", "Back: the browser, without this account's channels until tuner starts again")
	} else {
		p.option(k, st.Row, "esc", "Back to the channels")
	}
}

func (m *Model) rebootView(p *page) {
	st := m.com.Styles
	m.title(p, "Reboot, in this order")
	steps := diagnose.RebootSteps()
	first := steps[0]
	switch {
	case m.opts.Doctor == nil:
		first = "Stop every player tuner started here: run `tuner stop`."
	case m.reboot.running:
		first = "tuner is stopping every player it started on this machine…"
	case m.reboot.err != nil:
		first = "tuner could not stop all of its players: " + playlist.MaskURL(m.reboot.err.Error())
	case m.reboot.done && m.reboot.stopped == 0:
		first = "tuner checked: none of its players runs on this machine any more."
	case m.reboot.done:
		first = fmt.Sprintf("tuner stopped %s it had started on this machine.", words.Count(m.reboot.stopped, "player"))
	}
	for i, s := range append([]string{first}, steps[1:]...) {
		n := fmt.Sprintf("%d. ", i+1)
		p.indented(st.Row, n, strings.Repeat(" ", len(n)), s)
	}
	p.blank()
	p.text(st.Hint, "Press enter to retry once everything has restarted.")
}

func (m *Model) contactView(p *page) {
	st := m.com.Styles
	m.title(p, "Message for the provider")
	p.text(st.Row, "Copied to the clipboard (if the terminal allows it).")
	switch {
	case m.contact.saveErr != nil:
		p.text(st.StatusErr, "Not saved: "+m.contact.saveErr.Error())
	case m.contact.saved != "":
		p.text(st.Row, "Saved to "+m.contact.saved)
	}
	if to := m.report.Contact.ProviderContact; to != "" {
		p.text(st.Row, "Send it to: "+playlist.MaskURL(to))
	} else {
		p.text(st.Hint, "No provider contact is set for this source; use the provider's support page or chat.")
	}
	p.blank()
	for _, l := range strings.Split(strings.TrimRight(m.contact.message, "\n"), "\n") {
		p.indented(st.Detail, "  ", "  ", l)
	}
}

func (m *Model) waitView(p *page) {
	st := m.com.Styles
	m.title(p, "Waiting for a free slot")
	p.text(st.Row, fmt.Sprintf("tuner asks the provider for the account info every %s (never the stream: panels ban "+
		"addresses that retry streams) and plays %s as soon as a connection is free.", human(diagnose.MinInterval), m.ch.Name))
	p.blank()
	switch {
	case m.wait.running && m.wait.remaining == 0:
		p.text(st.PaneTitle, "Checking the account…")
	case m.wait.running:
		p.text(st.PaneTitle, fmt.Sprintf("Next check in %s · giving up in %s", human(m.wait.next), clock(m.wait.remaining)))
		if l := m.wait.last; l != nil {
			p.text(st.Row, lastCheckText(*l))
		}
	case m.wait.err != nil:
		p.text(st.StatusErr, "Stopped waiting: "+playlist.MaskURL(m.wait.err.Error()))
	case m.wait.gaveUp:
		p.text(st.Row, "No connection freed up in time. Press w to wait again, or esc for the reboot steps and the message for the provider.")
	}
}

func (m *Model) detailsView(p *page) {
	st := m.com.Styles
	m.title(p, "What the provider answered")
	r := m.refusal
	field := func(name, value string) {
		pre := fmt.Sprintf("%-8s ", name)
		p.indented(st.Row, st.PaneTitle.Render(pre), strings.Repeat(" ", len(pre)), value)
	}
	switch {
	case r.Status != 0:
		field("Status", fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status)))
	case r.Err != nil:
		field("Error", playlist.MaskURL(r.Err.Error()))
	}
	field("URL", playlist.MaskURL(r.URL))
	if !r.At.IsZero() {
		field("At", r.At.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	for _, h := range headerLines(r.Header) {
		field("Header", h)
	}
	if b := bodyText(r.Body); b != "" {
		field("Body", b)
	} else if r.Status != 0 {
		field("Body", "(empty)")
	}
	if m.report != nil && len(m.report.Evidence) > 0 {
		p.blank()
		p.text(st.PaneTitle, "What tuner saw")
		for _, e := range m.report.Evidence {
			p.indented(st.Row, "- ", "  ", e)
		}
	}
}

func (m *Model) busyView(p *page) {
	st := m.com.Styles
	b := m.busy
	m.title(p, "Slot held by another tuner")
	h := b.Holders[0]
	held := fmt.Sprintf("all %d connections", b.Limit)
	if b.Limit <= 1 {
		held = "the only connection"
	}
	p.text(st.Row, fmt.Sprintf("Another tuner on this machine (pid %d) holds %s of %s, playing %q. "+
		"Playing %s here now would only earn a 401 from the provider, or cut that tuner's stream.",
		h.Tuner.PID, held, b.Account, h.Channel, m.ch.Name))
	p.blank()
	k := st.Help.ShortKey
	switch {
	case m.opts.Doctor == nil:
		p.text(st.Row, "Stop playback in the other tuner (or run `tuner stop`), then play again.")
	case m.take.running:
		p.text(st.Row, "Stopping the other tuner's player…")
	default:
		if m.take.err != nil {
			p.text(st.StatusErr, "Could not take the slot over: "+playlist.MaskURL(m.take.err.Error()))
			p.blank()
		}
		p.option(k, st.Row, m.keys.TakeOver.Help().Key, fmt.Sprintf("Take over: stop that tuner's player, then play %s here", m.ch.Name))
		p.option(k, st.Row, "esc", "Back: leave the other tuner playing")
	}
}

// headerLines lists the headers that say something, masked and sorted.
func headerLines(h http.Header) []string {
	var out []string
	for k, vs := range h {
		for _, v := range vs {
			out = append(out, k+": "+playlist.MaskURL(playlist.OneLine(v)))
		}
	}
	slices.Sort(out)
	return out
}

// bodyExcerpt is how much of the body the details show.
const bodyExcerpt = 300

// bodyText is the body as one masked line of printable text.
func bodyText(b []byte) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, string(b))
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > bodyExcerpt {
		s = string(r[:bodyExcerpt]) + "…"
	}
	return playlist.MaskURL(s)
}

func human(d time.Duration) string {
	return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
}

// clock is a countdown as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// lastCheckText says when the account was last asked and what it said.
func lastCheckText(r doctor.CheckResult) string {
	at := "Last check at " + r.At.Format("15:04:05") + ": "
	switch {
	case r.Err != nil:
		return at + "the account info did not answer (" + playlist.OneLine(r.Err.Error()) + ")"
	case r.Allowed > 0:
		return at + fmt.Sprintf("%d of %d connections in use", r.InUse, r.Allowed)
	}
	return at + words.Count(r.InUse, "connection") + " in use"
}
