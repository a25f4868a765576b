package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "Print tuner's manual page (roff)",
		Long:   "Print the manual page, for man(1): tuner man | man -l -",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := io.WriteString(c.OutOrStdout(), manPage(c.Root()))
			return err
		},
	}
}

// manPage is the manual page of root and its commands, in roff. The help
// texts are wrapped for a terminal; here each paragraph is one, and roff
// fills it to the reader's width.
func manPage(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString(".TH TUNER 1 \"\" \"tuner\" \"User Commands\"\n")
	section(&b, "NAME")
	b.WriteString("tuner \\- " + roffText(root.Short) + "\n")
	section(&b, "SYNOPSIS")
	b.WriteString(".B tuner\n[\\fIOPTIONS\\fR]\n.br\n.B tuner\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n")
	section(&b, "DESCRIPTION")
	paragraphs(&b, root.Long)
	section(&b, "OPTIONS")
	flags(&b, root.PersistentFlags())
	section(&b, "COMMANDS")
	for _, c := range commands(root) {
		command(&b, c)
	}
	section(&b, "KEYS")
	definitions(&b, manKeys())
	b.WriteString(".PP\nKeys can be changed in the config file, under [ui.keys].\n")
	section(&b, "EXIT STATUS")
	b.WriteString("Every command exits with the same code for the same failure.\n")
	for _, e := range exitMeanings() {
		definitions(&b, [][2]string{{fmt.Sprint(e.Code), e.Meaning}})
	}
	section(&b, "ENVIRONMENT")
	definitions(&b, manEnvironment())
	section(&b, "FILES")
	definitions(&b, manFiles())
	section(&b, "SEE ALSO")
	b.WriteString("mpv(1), vlc(1), ffplay(1)\n")
	return b.String()
}

func section(b *strings.Builder, name string) {
	fmt.Fprintf(b, ".SH %q\n", name)
}

// commands are root's visible commands and theirs, depth first.
func commands(root *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		if c.Runnable() {
			out = append(out, c)
		}
		out = append(out, commands(c)...)
	}
	return out
}

func command(b *strings.Builder, c *cobra.Command) {
	fmt.Fprintf(b, ".SS \"%s\"\n", roffText(strings.TrimSpace(c.CommandPath()+" "+argsOf(c))))
	long := c.Long
	if long == "" {
		long = c.Short
	}
	paragraphs(b, long)
	if c.Example != "" {
		b.WriteString(".PP\n.nf\n.RS 4\n")
		for _, l := range strings.Split(strings.TrimRight(c.Example, "\n"), "\n") {
			b.WriteString(roffLine(strings.TrimPrefix(l, "  ")) + "\n")
		}
		b.WriteString(".RE\n.fi\n")
	}
	flags(b, c.NonInheritedFlags())
}

// argsOf is what follows the command's name in its Use line.
func argsOf(c *cobra.Command) string {
	_, args, _ := strings.Cut(c.Use, " ")
	return args
}

// paragraphs writes text whose paragraphs are separated by blank lines:
// the lines of a paragraph run together, and indented lines (a list of
// codes, an example) keep their own lines.
func paragraphs(b *strings.Builder, text string) {
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		b.WriteString(".PP\n")
		var run []string
		flush := func() {
			if len(run) > 0 {
				b.WriteString(roffLine(strings.Join(run, " ")) + "\n")
				run = nil
			}
		}
		pre := false
		for _, l := range strings.Split(p, "\n") {
			indented := strings.HasPrefix(l, " ")
			if indented != pre {
				flush()
				if indented {
					b.WriteString(".nf\n.RS 4\n")
				} else {
					b.WriteString(".RE\n.fi\n")
				}
				pre = indented
			}
			if indented {
				b.WriteString(roffLine(strings.TrimSpace(l)) + "\n")
				continue
			}
			run = append(run, strings.TrimSpace(l))
		}
		flush()
		if pre {
			b.WriteString(".RE\n.fi\n")
		}
	}
}

func flags(b *strings.Builder, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "\\fB\\-\\-" + roffText(f.Name) + "\\fR"
		if f.Shorthand != "" {
			name = "\\fB\\-" + f.Shorthand + "\\fR, " + name
		}
		if t := f.Value.Type(); t != "bool" {
			name += " \\fI" + strings.ToUpper(t) + "\\fR"
		}
		usage := f.Usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		b.WriteString(".TP\n" + name + "\n" + roffLine(usage) + "\n")
	})
}

func definitions(b *strings.Builder, defs [][2]string) {
	for _, d := range defs {
		b.WriteString(".TP\n\\fB" + roffText(d[0]) + "\\fR\n" + roffLine(d[1]) + "\n")
	}
}

// roffText escapes what roff would read as its own: backslashes, and
// hyphens, which roff may otherwise turn into dashes.
func roffText(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\e")
	return strings.ReplaceAll(s, "-", "\\-")
}

// roffLine is roffText for a whole line, guarded when it would start with a
// control character.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = "\\&" + s
	}
	return s
}

func manKeys() [][2]string {
	return [][2]string{
		{"up, k, down, j", "move"},
		{"g, home, G, end, pgup, pgdn", "first, last, page up, page down"},
		{"tab", "switch between groups and channels"},
		{"/", "filter as you type: fuzzy, case- and accent-insensitive, best matches first"},
		{"ctrl+g", "while filtering: all channels or only this group"},
		{"esc", "clear the filter, or go back"},
		{"0-9", "jump to a channel number"},
		{"enter", "play; on another channel, switch to it (the old stream stops first)"},
		{"s", "stop playing and give the slot back"},
		{"f", "add or remove a favourite"},
		{"y", "copy the stream URL to your local clipboard (OSC 52, works over SSH)"},
		{"e", "the channel's schedule; on an archive channel enter replays what aired, b plays the programme on now from its start"},
		{"E", "the programme grid over the list shown; left and right by programme, up and down by channel, comma and period by three hours, [ and ] by a day, n now, enter plays live or the replay"},
		{"F", "find a programme by title or description; enter plays it live or from the archive"},
		{"L, M, S", "the Live, Movies and Series catalogues, when the source has them"},
		{"N", "while an episode plays: the next episode"},
		{"R", "record the channel under the cursor (asks how long), or stop its recording; in a schedule, the programme on now to its end"},
		{"W", "the Recordings catalogue: enter plays a recording, d deletes or cancels one after asking"},
		{"left, right, [, ]", "while a movie, an episode or a replay plays: seek 10 s or 1 min"},
		{"?", "all keys"},
		{"q, ctrl+c", "stop playback, give the slot back, quit"},
		{"r, c, w, d, t", "on the occupied-slot screen: the reboot steps, a message for the provider, wait and retry, details, take the slot over from another tuner here"},
	}
}

func manEnvironment() [][2]string {
	return [][2]string{
		{"TUNER_PASSWORD", "the account password for --xtream, instead of --password (which other users see in ps) or a prompt"},
		{"XDG_CONFIG_HOME", "where the config file is (default ~/.config)"},
		{"XDG_STATE_HOME", "where leases, favourites, recently played, resume positions and the debug log are (default ~/.local/state)"},
		{"XDG_DATA_HOME", "where recordings go (default ~/.local/share)"},
		{"XDG_CACHE_HOME", "where the last good copy of each playlist, guide and movie and series catalogue is (default ~/.cache)"},
		{"DISPLAY, WAYLAND_DISPLAY", "whether a player window can open; over SSH without one, tuner picks terminal or audio mode"},
		{"SSH_CONNECTION, SSH_CLIENT, SSH_TTY", "tuner runs over SSH: with no display it picks a mode that needs none"},
		{"TMUX", "inside tmux, the clipboard copy (y) is wrapped for tmux; set -g set-clipboard on"},
	}
}

func manFiles() [][2]string {
	return [][2]string{
		{"$XDG_CONFIG_HOME/tuner/config.toml", "sources, player, theme and keys; tuner config init writes one with every setting explained"},
		{"$XDG_STATE_HOME/tuner/leases.json", "the connection slots tuner holds and recently gave back; never a password"},
		{"$XDG_STATE_HOME/tuner/schedule.json", "the recordings scheduled for later (tuner record --at), which tuner recorder makes; never a password"},
		{"$XDG_STATE_HOME/tuner/tuner.log", "the --debug log, and what tuner recorder does; secrets masked"},
		{"$XDG_CACHE_HOME/tuner/", "the last good copy of each playlist and guide"},
	}
}
