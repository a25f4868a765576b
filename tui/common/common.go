// Package common holds what every screen shares: the styles, the window size,
// a logger, the keys that work everywhere, and the interface a screen
// implements so the root model can route to it.
package common

import (
	"io"
	"log/slog"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/styles"
)

// Common is shared by pointer between the root model and its screens. Only
// the root changes it, and only inside Update.
type Common struct {
	Styles *styles.Styles
	Width  int // the whole window
	Height int
	Logger *slog.Logger
	// Cells is how text is measured: the way the renderer places it, which
	// is per code point (wcwidth) unless the terminal reports grapheme
	// clustering (mode 2027). Measuring any other way misaligns emoji.
	Cells ansi.Method
	// Keys are the person's key choices; screens apply them when they
	// build their key maps.
	Keys KeyOverrides
	// Masker hides every secret tuner knows of (the accounts' passwords
	// wherever they stand, and URL-shaped ones); nil hides the URL-shaped
	// ones alone. Use Mask.
	Masker func(string) string
}

// Mask is s with every secret hidden, for any text a screen shows, copies
// or saves: a provider may quote a password in a header or a body, where
// no URL shape gives it away.
func (c *Common) Mask(s string) string {
	if c.Masker != nil {
		return c.Masker(s)
	}
	return playlist.MaskURL(s)
}

// New returns a Common with dark styles and a logger that discards.
func New(st *styles.Styles, logger *slog.Logger) *Common {
	if st == nil {
		st = styles.New(true)
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Common{Styles: st, Logger: logger, Cells: ansi.WcWidth}
}

// Component is one screen. Its View returns plain content for the area set
// by SetSize; the root model adds the status bar and the help footer.
type Component interface {
	help.KeyMap
	Init() tea.Cmd
	Update(msg tea.Msg) (Component, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Capturing reports that the screen is taking text input, so keys such
	// as q and ? are typed rather than acted on.
	Capturing() bool
	// Cursor is where the terminal cursor goes, relative to the screen's
	// area, or nil to hide it.
	Cursor() *tea.Cursor
}

// StatusMsg asks the root model to show a short line in the status bar.
type StatusMsg struct {
	Text string
	Err  bool
}
