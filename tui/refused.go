package tui

import (
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// refusedAccount is an account the provider refused as it loaded.
type refusedAccount struct {
	report doctor.Report
	text   string // the browser's word on its missing channels
}

// refuse marks source's account as refused by the provider and rebuilds
// the catalog without its channels.
func (l *loader) refuse(source string, rep doctor.Report) tea.Cmd {
	if l.refused == nil {
		l.refused = map[string]refusedAccount{}
	}
	l.refused[source] = refusedAccount{report: rep, text: refusedText(source, rep.Kind, l.opts.SetPassword != nil)}
	return l.rebuild()
}

// accepted takes back a refusal for the username or password once the
// source loads: the provider took the password typed since. An account
// refused for what it is (expired) stays refused until the doctor says
// otherwise.
func (l *loader) accepted(source string) {
	if l.refused[source].report.Kind == diagnose.Credentials {
		delete(l.refused, source)
	}
}

// refusedText is the browser's word on a refused account's missing channels.
func refusedText(source string, k diagnose.Kind, reenter bool) string {
	switch k {
	case diagnose.Credentials:
		if reenter {
			return source + ": the provider refused the username or password, so its channels are not shown. " +
				"Press " + passwordKey().Help().Key + " to type the password again."
		}
		return source + ": the provider refused the username or password, so its channels are not shown. " +
			"Fix them in the source settings and start tuner again."
	case diagnose.Expired:
		return source + ": the subscription expired, so its channels are not shown. Renew it with the provider, then start tuner again."
	case diagnose.Banned, diagnose.Disabled:
		return source + ": the provider " + k.String() + " the account, so its channels are not shown. Ask the provider, then start tuner again."
	}
	return source + ": the provider refused the account, so its channels are not shown."
}

// emptyText says why the browser would be empty, "" when nothing was
// refused.
func (l *loader) emptyText() string {
	if len(l.refused) == 0 {
		return ""
	}
	var lines []string
	for _, r := range l.refused {
		lines = append(lines, r.text)
	}
	sort.Strings(lines)
	return "No channels. " + strings.Join(lines, " ") + " q quits."
}

// passwordKey, on the browser, opens again the screen of an account whose
// password the provider refused, to type it there.
func passwordKey() key.Binding {
	return key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "type the password again"))
}

// handleKey acts on passwordKey while the browser is on top and takes no
// text, and some account's password was refused; ok is false otherwise.
func (l *loader) handleKey(msg tea.KeyPressMsg, onBrowser bool) (tea.Cmd, bool) {
	if !onBrowser || l.opts.SetPassword == nil || !key.Matches(msg, passwordKey()) {
		return nil, false
	}
	names := make([]string, 0, len(l.refused))
	for name, r := range l.refused {
		if r.report.Kind == diagnose.Credentials {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, false
	}
	slices.Sort(names)
	rep := l.refused[names[0]].report
	return l.app.openRefusal(refusal.NewLoad(l.ctx, l.com, refusalOptions(l.opts), names[0], rep)), true
}

// retryPassword loads a refused source again with the password typed on
// its screen. Its channels stay hidden until the provider takes it.
func (l *loader) retryPassword(msg refusal.PasswordMsg) tea.Cmd {
	i := slices.IndexFunc(l.sources, func(s sourceState) bool { return s.name == msg.Source })
	if i < 0 || i >= len(l.opts.Sources) || l.opts.SetPassword == nil || !l.opts.SetPassword(msg.Source, msg.Password) {
		l.app.status = common.StatusMsg{Text: msg.Source + " takes no new password here: change it in the source settings", Err: true}
		return nil
	}
	l.app.closeRefusal()
	s := &l.sources[i]
	s.loading, s.err, s.done, s.total = true, nil, 0, 0
	l.app.status = common.StatusMsg{Text: "trying the new password for " + msg.Source + "…"}
	return loadCmd(l.ctx, i, l.opts.Sources[i])
}
