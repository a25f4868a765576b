package tui

import (
	"fmt"
	"slices"

	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/grid"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/library"
	"github.com/tuner-iptv/tuner/tui/refusal"
	"github.com/tuner-iptv/tuner/tui/series"
)

// CheckKeys reports key choices (Options.Keys) the TUI cannot honour: an
// unknown action, or a key that two things would answer to on one screen,
// among the choices or with a default key they leave in place. The error
// is one line, such as "quit and favorite both use f"; a
// *common.ClashError for a clash.
func CheckKeys(keys map[string][]string) error {
	o := common.KeyOverrides(keys)
	for _, a := range sortedActions(o) {
		if !slices.Contains(common.Actions(), a) {
			return fmt.Errorf("%q is not an action", a)
		}
	}
	for _, set := range liveKeys(o) {
		if c := common.FindClash(o, set); c != nil {
			return c
		}
	}
	return nil
}

// liveKeys lists, screen by screen, the keys answered to at the same time,
// the root's own keys included.
func liveKeys(o common.KeyOverrides) [][]common.Named {
	g := common.NewGlobalKeys(o)
	global := []common.Named{{Name: common.ActionQuit, Binding: g.Quit}, {Name: common.ActionHelp, Binding: g.Help}}
	g.Update(true)
	pk := newPlayKeys(o)
	play := []common.Named{{Name: common.ActionStop, Binding: pk.Stop}, {Name: common.ActionCopyURL, Binding: pk.Copy},
		{Name: "password", Binding: passwordKey()}}
	play = append(play, common.Named{Name: common.ActionRecord, Binding: recordKey(o)},
		common.Named{Name: common.ActionRecordings, Binding: recordingsKey(o)})
	vk := newVODKeys(o)
	play = append(play, common.Named{Name: common.ActionNext, Binding: vk.Next},
		common.Named{Name: common.ActionSeekBack, Binding: vk.Back}, common.Named{Name: common.ActionSeekOn, Binding: vk.On},
		common.Named{Name: "seek-back-more", Binding: vk.BackLarge}, common.Named{Name: "seek-on-more", Binding: vk.OnLarge})

	browsing, typing := browser.LiveKeys(o)
	return [][]common.Named{
		slices.Concat(browsing, play, global),
		append(typing, common.Named{Name: common.ActionQuit, Binding: g.Quit}),
		slices.Concat(guide.LiveKeys(o), global),
		slices.Concat(refusal.LiveKeys(o), global),
		slices.Concat(series.LiveKeys(o), global),
		slices.Concat(grid.LiveKeys(o), global),
		slices.Concat(library.LiveKeys(o), global),
		append(guide.SearchLiveKeys(), common.Named{Name: common.ActionQuit, Binding: g.Quit}),
	}
}

func sortedActions(o common.KeyOverrides) []string {
	out := make([]string, 0, len(o))
	for a := range o {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}
