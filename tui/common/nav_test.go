package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestNavKeysStep(t *testing.T) {
	k := NewNavKeys(KeyOverrides{ActionDown: {"n"}})
	for _, tc := range []struct {
		key  tea.KeyPressMsg
		want int
		ok   bool
	}{
		{tea.KeyPressMsg{Code: tea.KeyUp}, -1, true},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, -1, true},
		{tea.KeyPressMsg{Code: 'n', Text: "n"}, 1, true},  // the override
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 0, false}, // replaced by it
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 9, true},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, -9, true},
		{tea.KeyPressMsg{Code: 'g', Text: "g"}, -40, true},
		{tea.KeyPressMsg{Code: tea.KeyEnd}, 40, true},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, 0, false},
	} {
		if d, ok := k.Step(tc.key, 40, 9); d != tc.want || ok != tc.ok {
			t.Errorf("Step(%s) = %d, %v; want %d, %v", tc.key, d, ok, tc.want, tc.ok)
		}
	}
}
