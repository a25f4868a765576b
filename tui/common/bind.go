package common

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// Actions a person may give other keys ([ui] keys in the config file).
const (
	ActionUp         = "up"
	ActionDown       = "down"
	ActionTop        = "top"
	ActionBottom     = "bottom"
	ActionPageUp     = "pageup"
	ActionPageDown   = "pagedown"
	ActionPlay       = "play"
	ActionStop       = "stop"
	ActionFavorite   = "favorite"
	ActionFilter     = "filter"
	ActionQuit       = "quit"
	ActionHelp       = "help"
	ActionCopyURL    = "copy-url"
	ActionSchedule   = "schedule"
	ActionSwitchPane = "switch-pane"
	ActionTakeOver   = "take-over"
	ActionLive       = "live"
	ActionMovies     = "movies"
	ActionSeries     = "series"
	ActionNext       = "next-episode"
	ActionSeekBack   = "seek-back"
	ActionSeekOn     = "seek-forward"
	ActionGrid       = "grid"
	ActionFind       = "find-programme"
	ActionRecord     = "record"
	ActionRecordings = "recordings"
	ActionDelete     = "delete"
)

// Actions lists every action KeyOverrides may name.
func Actions() []string {
	return []string{
		ActionUp, ActionDown, ActionTop, ActionBottom, ActionPageUp, ActionPageDown,
		ActionPlay, ActionStop, ActionFavorite, ActionFilter, ActionQuit, ActionHelp,
		ActionCopyURL, ActionSchedule, ActionSwitchPane, ActionTakeOver,
		ActionLive, ActionMovies, ActionSeries, ActionNext, ActionSeekBack, ActionSeekOn,
		ActionGrid, ActionFind, ActionRecord, ActionRecordings, ActionDelete,
	}
}

// KeyOverrides maps an action to the keys that replace its default keys on
// every screen where it is bound. Actions not in the map keep theirs.
type KeyOverrides map[string][]string

// Bind returns b with its keys replaced by the action's override, if there
// is one; help then names the new keys.
func (o KeyOverrides) Bind(action string, b key.Binding) key.Binding {
	keys := o.Keys(action, nil)
	if keys == nil {
		return b
	}
	b.SetKeys(keys...)
	b.SetHelp(HelpKeys(keys), b.Help().Desc)
	return b
}

// Keys returns the action's keys: its override, or def without one.
func (o KeyOverrides) Keys(action string, def []string) []string {
	keys := o[action]
	if len(keys) == 0 {
		return def
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = keyName(k)
	}
	return out
}

// keyName is the name a key press goes by: a space key is "space".
func keyName(k string) string {
	if k == " " {
		return "space"
	}
	return k
}

var arrows = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}

// HelpKeys is how help names keys: arrows drawn, alternatives joined by /.
func HelpKeys(keys []string) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k
		if a, ok := arrows[k]; ok {
			names[i] = a
		}
	}
	return strings.Join(names, "/")
}

// Typed reports that k types text (a letter, a digit, a space): while a
// screen takes text input, such keys go into the text.
func Typed(k string) bool {
	return k == "space" || k == " " || utf8.RuneCountInString(k) == 1
}

// Untyped returns b without the keys that type text, for a screen taking
// text input. Its help names what is left; with nothing left it is
// disabled.
func Untyped(b key.Binding) key.Binding {
	keys := b.Keys()
	left := slices.DeleteFunc(slices.Clone(keys), Typed)
	if len(left) == len(keys) {
		return b
	}
	b.SetKeys(left...)
	b.SetHelp(HelpKeys(left), b.Help().Desc)
	b.SetEnabled(len(left) > 0 && b.Enabled())
	return b
}

// Named is a binding with the name a clash is reported by: its action, or
// for keys no action covers, what it does.
type Named struct {
	Name    string
	Binding key.Binding
}

// ClashError is a key that two things answer to at the same time.
type ClashError struct {
	Action, Other, Key string
}

func (e *ClashError) Error() string {
	return e.Action + " and " + e.Other + " both use " + e.Key
}

// FindClash returns a key shared by an overridden action and another
// binding of set, which are live at the same time, or nil. Actions are
// tried in name order, so the answer is the same on every run.
func FindClash(o KeyOverrides, set []Named) *ClashError {
	actions := make([]string, 0, len(o))
	for a := range o {
		actions = append(actions, a)
	}
	slices.Sort(actions)
	for _, a := range actions {
		for _, mine := range set {
			if mine.Name != a {
				continue
			}
			for _, other := range set {
				if other.Name == a {
					continue
				}
				for _, k := range mine.Binding.Keys() {
					if slices.Contains(other.Binding.Keys(), k) {
						return &ClashError{Action: a, Other: other.Name, Key: k}
					}
				}
			}
		}
	}
	return nil
}
