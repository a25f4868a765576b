//go:build !linux

package record

import "os/exec"

// runTied runs cmd; elsewhere than Linux an ffmpeg outliving a killed
// tuner finishes a file that Recover removes later.
func runTied(cmd *exec.Cmd) error { return cmd.Run() }
