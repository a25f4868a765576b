package common

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
)

func TestBind(t *testing.T) {
	up := key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	tests := []struct {
		name     string
		o        KeyOverrides
		keys     []string
		helpKeys string
	}{
		{"not overridden", KeyOverrides{"down": {"n"}}, []string{"up", "k"}, "↑/k"},
		{"overridden", KeyOverrides{"up": {"up", "i"}}, []string{"up", "i"}, "↑/i"},
		{"space by its name", KeyOverrides{"up": {" "}}, []string{"space"}, "space"},
		{"empty list keeps the default", KeyOverrides{"up": {}}, []string{"up", "k"}, "↑/k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.o.Bind(ActionUp, up)
			if !slices.Equal(b.Keys(), tt.keys) || b.Help().Key != tt.helpKeys || b.Help().Desc != "up" {
				t.Errorf("keys %q help %+v", b.Keys(), b.Help())
			}
		})
	}
	if !slices.Equal(up.Keys(), []string{"up", "k"}) {
		t.Error("Bind changed the binding it was given")
	}
}

func TestUntyped(t *testing.T) {
	tests := []struct {
		name     string
		keys     []string
		left     []string
		helpKeys string
		enabled  bool
	}{
		{"letter dropped", []string{"up", "k"}, []string{"up"}, "↑", true},
		{"nothing typed", []string{"pgup", "ctrl+b"}, []string{"pgup", "ctrl+b"}, "was", true},
		{"only typed", []string{"x", "space"}, []string{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Untyped(key.NewBinding(key.WithKeys(tt.keys...), key.WithHelp("was", "act")))
			if !slices.Equal(b.Keys(), tt.left) || b.Help().Key != tt.helpKeys || b.Enabled() != tt.enabled {
				t.Errorf("keys %q help %+v enabled %v", b.Keys(), b.Help(), b.Enabled())
			}
		})
	}
}

func TestGlobalKeysWhileTyping(t *testing.T) {
	tests := []struct {
		name string
		o    KeyOverrides
		quit []string
	}{
		{"default", nil, []string{"ctrl+c"}},
		{"rebound with a control key", KeyOverrides{"quit": {"x", "ctrl+q"}}, []string{"ctrl+q"}},
		{"rebound to letters only", KeyOverrides{"quit": {"x"}}, []string{"ctrl+c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := NewGlobalKeys(tt.o)
			k.Update(true)
			if !slices.Equal(k.Quit.Keys(), tt.quit) || !k.Quit.Enabled() || k.Help.Enabled() {
				t.Errorf("typing: quit %q enabled %v, help enabled %v", k.Quit.Keys(), k.Quit.Enabled(), k.Help.Enabled())
			}
			k.Update(false)
			if want := NewGlobalKeys(tt.o).Quit.Keys(); !slices.Equal(k.Quit.Keys(), want) || !k.Help.Enabled() {
				t.Errorf("after typing: quit %q, want %q", k.Quit.Keys(), want)
			}
		})
	}
}
