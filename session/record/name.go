package record

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxNamePart bounds the channel and the title in a file name, in bytes,
// so that the whole name, a " (2)" and ".json" stay under the 255 bytes
// most file systems allow.
const maxNamePart = 100

// FileName is the recording's file name without its extension:
// "Channel - Title - 2026-12-02 20-00", the title left out when unknown,
// the time in the start's own zone. Slashes, control characters and what
// else a file system or a shell trips over are replaced.
func FileName(channel, title string, start time.Time) string {
	parts := []string{}
	for _, p := range []string{channel, title} {
		if p = cleanPart(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "Recording")
	}
	return strings.Join(append(parts, start.Format("2006-01-02 15-04")), " - ")
}

// cleanPart makes one part of a file name safe: path separators become a
// dash, control and invisible characters go, runs of space shrink to one,
// and a leading dot (a hidden file) is dropped.
func cleanPart(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || r == '\\' || r == ':':
			b.WriteRune('-')
		case r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			// Kept out for whoever copies the file to a FAT stick or Windows.
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		case unicode.IsControl(r) || !unicode.IsPrint(r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	out = strings.TrimLeft(out, ". ")
	if len(out) > maxNamePart {
		cut := maxNamePart
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = strings.TrimSpace(out[:cut])
	}
	return out
}

// reserve creates dir/base.ts, or "base (2).ts" and so on when a recording
// of that name exists (its TS, its info, or the MKV it was remuxed to),
// and returns the file open for appending. Creating with O_EXCL means two
// recorders never share a file.
func reserve(dir, base string) (*os.File, string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", err
	}
	for i := 1; i < 100; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s (%d)", base, i)
		}
		path := filepath.Join(dir, name+".ts")
		if taken(dir, name) {
			continue
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		return f, path, nil
	}
	return nil, "", fmt.Errorf("%s: too many recordings of that name", filepath.Join(dir, base))
}

// taken reports whether a recording remuxed to MKV holds the name: its TS
// is gone, its info and MKV are not.
func taken(dir, name string) bool {
	for _, ext := range []string{".json", ".mkv"} {
		if _, err := os.Lstat(filepath.Join(dir, name+ext)); err == nil {
			return true
		}
	}
	return false
}

// InfoPath is the info file beside a recording: NAME.json for NAME.ts.
func InfoPath(file string) string {
	return strings.TrimSuffix(file, filepath.Ext(file)) + ".json"
}
