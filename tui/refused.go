package tui

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/doctor"
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

// refusedText is the browser's word on a refused account's missing channels.
func refusedText(source string, k diagnose.Kind) string {
	switch k {
	case diagnose.Credentials:
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
	for _, t := range l.refused {
		lines = append(lines, t)
	}
	sort.Strings(lines)
	return "No channels. " + strings.Join(lines, " ") + " q quits."
}
