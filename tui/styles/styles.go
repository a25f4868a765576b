// Package styles builds the one Styles value every screen draws with. Colours
// come from a palette chosen for the terminal's background; nothing relies on
// colour alone (selection also gets a marker and reverse video), so the screens
// stay readable with NO_COLOR and on 16-colour terminals, where the renderer
// downsamples or drops these colours.
package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Palette is the handful of colours the screens use.
type Palette struct {
	Text   color.Color
	Muted  color.Color
	Accent color.Color
	Match  color.Color
	Fav    color.Color
	Good   color.Color
	Warn   color.Color
	Error  color.Color
	BarFg  color.Color
	BarBg  color.Color
}

// NewPalette picks colours that read well on a dark or a light background.
func NewPalette(dark bool) Palette {
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	return Palette{
		Text:   ld(c("#1C1C1C"), c("#E4E4E4")),
		Muted:  ld(c("#6C6C6C"), c("#8A8A8A")),
		Accent: ld(c("#5F00D7"), c("#AF87FF")),
		Match:  ld(c("#D75F00"), c("#FFAF00")),
		Fav:    ld(c("#AF0087"), c("#FF87D7")),
		Good:   ld(c("#008700"), c("#87D787")),
		Warn:   ld(c("#AF5F00"), c("#FFD75F")),
		Error:  ld(c("#D70000"), c("#FF5F5F")),
		BarFg:  ld(c("#FFFFFF"), c("#1C1C1C")),
		BarBg:  ld(c("#5F00D7"), c("#AF87FF")),
	}
}

// Styles is every style the screens use. Build it with New and pass it down;
// there is no package-level instance.
type Styles struct {
	Dark    bool
	Palette Palette

	Header     lipgloss.Style // the top line: filter or hints
	Prompt     lipgloss.Style // "/" before the query
	Hint       lipgloss.Style
	PaneTitle  lipgloss.Style
	PaneActive lipgloss.Style // title of the focused pane
	Separator  lipgloss.Style

	Row          lipgloss.Style
	Selected     lipgloss.Style // cursor row in the focused pane
	SelectedBlur lipgloss.Style // cursor row in the other pane
	Match        lipgloss.Style // matched characters, added on top of the row style
	Number       lipgloss.Style
	Count        lipgloss.Style
	Fav          lipgloss.Style
	Playing      lipgloss.Style

	Detail    lipgloss.Style
	Status    lipgloss.Style // the status bar
	StatusErr lipgloss.Style
	StatusOK  lipgloss.Style

	Help help.Styles
}

// New builds the styles for a dark or light background.
func New(dark bool) *Styles {
	p := NewPalette(dark)
	s := lipgloss.NewStyle
	st := &Styles{Dark: dark, Palette: p}

	st.Header = s().Foreground(p.Text)
	st.Prompt = s().Foreground(p.Accent).Bold(true)
	st.Hint = s().Foreground(p.Muted)
	st.PaneTitle = s().Foreground(p.Muted).Bold(true)
	st.PaneActive = s().Foreground(p.Accent).Bold(true).Underline(true)
	st.Separator = s().Foreground(p.Muted)

	st.Row = s().Foreground(p.Text)
	st.Selected = s().Reverse(true).Bold(true)
	st.SelectedBlur = s().Bold(true)
	st.Match = s().Foreground(p.Match).Underline(true).Bold(true)
	st.Number = s().Foreground(p.Muted)
	st.Count = s().Foreground(p.Muted)
	st.Fav = s().Foreground(p.Fav)
	st.Playing = s().Foreground(p.Good).Bold(true)

	st.Detail = s().Foreground(p.Muted)
	st.Status = s().Foreground(p.BarFg).Background(p.BarBg)
	st.StatusErr = s().Foreground(p.Error).Bold(true).Reverse(true)
	st.StatusOK = s().Foreground(p.BarFg).Background(p.BarBg).Bold(true)

	key := s().Foreground(p.Accent).Bold(true)
	desc := s().Foreground(p.Muted)
	sep := s().Foreground(p.Muted)
	st.Help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
	return st
}
