// Command tuner is a terminal IPTV player front-end that borrows a provider's
// connection slot and always gives it back.
package main

import (
	"os"

	"github.com/tuner-iptv/tuner/cmd"
)

func main() {
	os.Exit(cmd.Execute())
}
