package cmd

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/tuner-iptv/tuner/session/player"
)

// modeChoices are --mode's values with what each does, for completion.
func modeChoices() []cobra.Completion {
	return []cobra.Completion{
		cobra.CompletionWithDesc(string(player.ModeWindow), "a window on this display"),
		cobra.CompletionWithDesc(string(player.ModeTerminal), "mpv draws the video in this terminal"),
		cobra.CompletionWithDesc(string(player.ModeAudio), "sound only"),
		cobra.CompletionWithDesc(string(player.ModeServerDisplay), "the display attached to the machine tuner runs on"),
		cobra.CompletionWithDesc(string(player.ModeRemote), "watch on your own computer through ssh -L"),
		cobra.CompletionWithDesc(string(player.ModeDirect), "the player connects to the provider itself"),
	}
}

// completeWith completes a flag with a fixed list of values, and no files.
func completeWith(values ...cobra.Completion) cobra.CompletionFunc {
	return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
}

// registerCompletions lets shells complete the flags that take one of a
// few values.
func registerCompletions(root, check, demo *cobra.Command) {
	must(root.RegisterFlagCompletionFunc("mode", completeWith(modeChoices()...)))
	must(root.RegisterFlagCompletionFunc("player", completeWith("mpv", "vlc", "ffplay")))
	must(check.RegisterFlagCompletionFunc("format", completeWith("ts", "m3u8")))
	scenarios := make([]cobra.Completion, 0, len(demoScenarios))
	for name := range demoScenarios {
		scenarios = append(scenarios, name)
	}
	slices.Sort(scenarios)
	must(demo.RegisterFlagCompletionFunc("scenario", completeWith(scenarios...)))
}

// must panics on a registration mistake, which is a bug in tuner itself
// that every test run would show.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
