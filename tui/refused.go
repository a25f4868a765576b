package tui

import (
	"slices"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// refuse marks source's account as refused by the provider and rebuilds
// the catalog without its channels.
func (l *loader) refuse(source string, rep doctor.Report) tea.Cmd {
	if l.refused == nil {
		l.refused = map[string]string{}
	}
	l.refused[source] = refusedText(source, rep.Kind)
	return l.rebuild()
}

// accepted takes back a refusal for the username or password once the
// source loads: the provider took the password typed since. An account
// refused for what it is (expired) stays refused until the doctor says
// otherwise.
func (l *loader) accepted(source string) {
	if strings.Contains(l.refused[source], refusedPassword) {
		delete(l.refused, source)
	}
}

const refusedPassword = "refused the username or password"

// refusedText is the browser's word on a refused account's missing channels.
func refusedText(source string, k diagnose.Kind) string {
	switch k {
	case diagnose.Credentials:
		return source + ": the provider " + refusedPassword + ", so its channels are not shown. " +
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
	for _, t := range l.refused {
		lines = append(lines, t)
	}
	sort.Strings(lines)
	return "No channels. " + strings.Join(lines, " ") + " q quits."
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
