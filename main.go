// Command tuner is a terminal IPTV player front-end that borrows a provider's
// connection slot and always gives it back.
package main

import (
	"os"
	// Replays are asked for in the provider's time zone, which a server
	// without a zone database (a small container) could not look up.
	_ "time/tzdata"

	"github.com/tuner-iptv/tuner/cmd"
)

func main() {
	os.Exit(cmd.Execute())
}
