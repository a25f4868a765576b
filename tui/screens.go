package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
)

// openers push the screens a screen asks for by message, building each
// with what the controllers know. A new screen is one file in its package
// (its model, keys and view) and one case here; a screen that needs nothing
// from the controllers can push the next one itself with common.Push.
type openers struct {
	app   *hub
	com   *common.Common
	opts  *Options
	guide *guides
}

func (s openers) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case browser.OpenGuideMsg:
		sched := guide.New(s.com, s.opts.Now(), msg.Channel, msg.Guide, msg.Key)
		sched.SetLoading(s.guide.loading)
		return s.app.push(sched), true
	}
	return nil, false
}
