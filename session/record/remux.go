package record

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/tailbuf"
	"github.com/tuner-iptv/tuner/playlist"
)

// errNoFFmpeg is why nothing was remuxed on a machine without ffmpeg.
var errNoFFmpeg = errors.New("ffmpeg is not installed")

// partAge is how old a half-made MKV must be before Recover takes it for
// one a killed tuner left: ffmpeg writes to it all through a remux.
const partAge = time.Minute

// remux turns a recording that holds something into NAME.mkv when asked,
// names the MKV in the info and only then removes the TS, so that at every
// moment the info names a file that is whole. Whatever fails keeps the TS
// and says why in the info.
func (r *Recorder) remux(in Info) {
	if r.opts.Remux != "mkv" || in.State == Failed || in.Bytes == 0 {
		return
	}
	ts := r.Path()
	mkv, err := toMKV(r.opts.FFmpeg, ts)
	if r.deleted() {
		if err == nil {
			os.Remove(mkv)
		}
		r.opts.Log.Info("recording deleted during its remux", "file", ts)
		return
	}
	if err != nil {
		r.remuxFailed(err)
		return
	}
	next := r.Info()
	next.File, next.Remuxed, next.RemuxError = filepath.Base(mkv), true, ""
	if st, err := os.Stat(mkv); err == nil {
		next.Bytes = st.Size()
	}
	if err := writeInfo(r.info, next); err != nil {
		// The info on disk still names the TS: the MKV goes, so they agree.
		os.Remove(mkv)
		r.remuxFailed(fmt.Errorf("the info file was not written: %w", err))
		return
	}
	r.mu.Lock()
	r.in, r.path = next, mkv
	r.mu.Unlock()
	if err := os.Remove(ts); err != nil {
		r.opts.Log.Warn("recording remuxed; the TS was not removed", "file", ts, "err", err)
	}
	r.opts.Log.Info("recording remuxed to MKV", "channel", next.Channel, "file", mkv, "bytes", next.Bytes)
}

// deleted reports whether the person deleted the recording (its info)
// while ffmpeg ran: writing the info again would bring it back.
func (r *Recorder) deleted() bool {
	_, err := os.Lstat(r.info)
	return errors.Is(err, fs.ErrNotExist)
}

// remuxFailed notes in the info why the TS was kept.
func (r *Recorder) remuxFailed(err error) {
	r.mu.Lock()
	r.in.RemuxError = "not remuxed to MKV: " + playlist.MaskURL(err.Error())
	in := r.in
	r.mu.Unlock()
	r.opts.Log.Warn("recording kept as TS", "file", r.Path(), "why", in.RemuxError)
	if werr := writeInfo(r.info, in); werr != nil {
		r.opts.Log.Warn("recording info not written", "file", r.info, "err", werr)
	}
}

// toMKV copies the streams of the TS at ts into NAME.mkv beside it, by way
// of a hidden .NAME.mkv.part renamed once ffmpeg is done and it is on the
// disk. The TS is left as it is.
func toMKV(ffmpeg, ts string) (string, error) {
	bin, err := findFFmpeg(ffmpeg)
	if err != nil {
		return "", err
	}
	mkv := strings.TrimSuffix(ts, filepath.Ext(ts)) + ".mkv"
	if _, err := os.Lstat(mkv); err == nil {
		return "", fmt.Errorf("%s is already there", filepath.Base(mkv))
	}
	part := filepath.Join(filepath.Dir(mkv), "."+filepath.Base(mkv)+".part")
	defer os.Remove(part) // gone by the rename when all went well
	if err := runFFmpeg(bin, ts, part); err != nil {
		return "", err
	}
	if err := syncNonEmpty(part); err != nil {
		return "", err
	}
	// ffmpeg creates by the umask; the TS it replaces was private.
	if err := os.Chmod(part, 0o600); err != nil {
		return "", err
	}
	if err := os.Rename(part, mkv); err != nil {
		return "", err
	}
	return mkv, nil
}

func findFFmpeg(path string) (string, error) {
	if path == "" {
		path = "ffmpeg"
	}
	bin, err := exec.LookPath(path)
	if err != nil {
		return "", errNoFFmpeg
	}
	return bin, nil
}

// runFFmpeg remuxes without transcoding. Data streams (SCTE-35 cues, ID3
// tags) are left out since Matroska cannot hold them and ffmpeg would
// refuse the whole file for them. "file:" keeps a name with a colon from
// being read as a protocol.
func runFFmpeg(bin, ts, part string) error {
	cmd := exec.Command(bin, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-ignore_unknown",
		"-i", "file:"+ts, "-map", "0", "-map", "-0:d", "-c", "copy", "-f", "matroska", "file:"+part)
	stderr := tailbuf.New(4 << 10)
	cmd.Stderr = stderr
	if err := runTied(cmd); err != nil {
		if line := short(stderr.LastLine()); line != "" {
			return fmt.Errorf("ffmpeg: %s", line)
		}
		return fmt.Errorf("ffmpeg: %w", err)
	}
	return nil
}

// syncNonEmpty puts what ffmpeg wrote on the disk before the rename makes
// it the recording; an empty file is no remux.
func syncNonEmpty(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() == 0 {
		return errors.New("ffmpeg wrote nothing")
	}
	return f.Sync()
}

// short is a line ffmpeg said, printable and short enough for an info file.
func short(line string) string {
	line = playlist.Printable(line)
	if len(line) > 200 {
		line = strings.ToValidUTF8(line[:200], "") + "…"
	}
	return line
}

// sweepParts removes the half-made MKVs in dir that a tuner killed during
// a remux left behind; the TS beside each was kept.
func sweepParts(dir string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".mkv.part") {
			continue
		}
		if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) > partAge {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
