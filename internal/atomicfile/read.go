package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// ErrNotRegular is returned for a state file that is a symbolic link, a
// device, a pipe or a folder. Such a file was not written by tuner, and
// following or reading it could append to another file or never end (a
// link to /dev/zero).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a state file larger than its reader allows.
var ErrTooLarge = errors.New("file too large")

// OpenRegular opens a state file for reading without following a symbolic
// link, and only when it is a regular file. O_NONBLOCK keeps the open of a
// pipe from waiting for a writer; it changes nothing for a regular file.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, notRegular(path, err)
	}
	if err := checkRegular(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadRegular reads a whole state file as OpenRegular opens it, refusing one
// larger than max bytes.
func ReadRegular(path string, max int64) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooLarge := &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (over %d bytes)", ErrTooLarge, max)}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, tooLarge
	}
	// Sized up front, as os.ReadFile does: a large playlist copy is read
	// in one pass, not grown into.
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > max {
		return nil, tooLarge
	}
	return buf.Bytes(), nil
}

// OpenAppend opens a log file for appending, creating it private when
// missing, without following a symbolic link and only as a regular file.
func OpenAppend(path string, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, perm)
	if err != nil {
		return nil, notRegular(path, err)
	}
	if err := checkRegular(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func checkRegular(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &os.PathError{Op: "open", Path: f.Name(), Err: ErrNotRegular}
	}
	return nil
}

// notRegular names the refusal of a symbolic link (ELOOP under O_NOFOLLOW)
// and of a pipe without a reader (ENXIO for a non-blocking write open) as
// ErrNotRegular, and keeps every other error as it is.
func notRegular(path string, err error) error {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return &os.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w: a symbolic link", ErrNotRegular)}
	case errors.Is(err, syscall.ENXIO):
		return &os.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w: a pipe or device", ErrNotRegular)}
	}
	return err
}
