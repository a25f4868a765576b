package diagnose

import (
	"fmt"
	"path/filepath"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
)

// MessageFile is the name SaveMessage writes to.
const MessageFile = "contact-provider.txt"

// SaveMessage writes text to dir/MessageFile atomically (a temporary file
// renamed into place), readable only by the user since it names the account.
// It returns the file's path.
func SaveMessage(dir, text string) (string, error) {
	path := filepath.Join(dir, MessageFile)
	if err := atomicfile.Write(path, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("saving the message for the provider: %w", err)
	}
	return path, nil
}
