package record

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// testTS is three seconds of test picture and tone as MPEG-TS, made by
// ffmpeg, and how long ffprobe says it lasts.
func testTS(t *testing.T) ([]byte, float64) {
	t.Helper()
	ffmpeg := testutil.RequireTool(t, "ffmpeg")
	out := filepath.Join(t.TempDir(), "in.ts")
	cmd := exec.CommandContext(t.Context(), ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
		"-f", "lavfi", "-i", "testsrc=duration=3:size=160x120:rate=25", "-f", "lavfi", "-i", "sine=duration=3",
		"-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("making a TS: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, secs := probe(t, out)
	return b, secs
}

// probe is the container ffprobe reads in the file at path, and its
// duration in seconds.
func probe(t *testing.T, path string) (string, float64) {
	t.Helper()
	ffprobe := testutil.RequireTool(t, "ffprobe")
	out, err := exec.CommandContext(t.Context(), ffprobe, "-v", "error", "-show_entries", "format=format_name,duration",
		"-of", "default=noprint_wrappers=1", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var format string
	var secs float64
	for line := range strings.Lines(string(out)) {
		k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
		switch k {
		case "format_name":
			format = v
		case "duration":
			secs, _ = strconv.ParseFloat(v, 64)
		}
	}
	return format, secs
}

// whole sends data, then ends as a closed HLS stream does: the recording
// is done without a reconnect.
func whole(data []byte) func(context.Context) (io.ReadCloser, error) {
	return func(context.Context) (io.ReadCloser, error) {
		return io.NopCloser(io.MultiReader(bytes.NewReader(data), failing{ErrEnded})), nil
	}
}

func recordAll(t *testing.T, data []byte, set func(*Options)) *Recorder {
	t.Helper()
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){whole(data)}}
	opts, _ := testOptions(t, c)
	opts.Remux = "mkv"
	set(&opts)
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.Done():
	case <-time.After(time.Minute):
		t.Fatal("the recording and its remux did not end")
	}
	return r
}

// leftovers are the files in dir other than the ones named.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json") && !contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAFinishedRecordingIsRemuxedToMKV(t *testing.T) {
	ts, secs := testTS(t)
	r := recordAll(t, ts, func(*Options) {})
	mkv := r.Path()
	if filepath.Ext(mkv) != ".mkv" {
		t.Fatalf("Path = %s after Done, want the MKV; info %+v", mkv, r.Info())
	}
	format, got := probe(t, mkv)
	if !strings.Contains(format, "matroska") || got < secs-0.5 || got > secs+0.5 {
		t.Errorf("ffprobe reads %s of %.2f s, want matroska of %.2f s", format, got, secs)
	}
	in, err := ReadInfo(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	if in.File != filepath.Base(mkv) || !in.Remuxed || in.State != Done || in.RemuxError != "" || in.MediaPath() != mkv {
		t.Errorf("info %+v, want it to name the MKV, remuxed, done", in)
	}
	if st, err := os.Stat(mkv); err != nil || in.Bytes != st.Size() || st.Mode().Perm() != 0o600 {
		t.Errorf("info says %d bytes, the MKV has %v (%v); want its size, private as the TS was", in.Bytes, st, err)
	}
	if left := leftovers(t, filepath.Dir(mkv), filepath.Base(mkv)); len(left) != 0 {
		t.Errorf("left beside the MKV: %v, want the TS and the part file gone", left)
	}
}

func TestWithoutFFmpegTheTSIsKeptAndTheInfoSaysWhy(t *testing.T) {
	r := recordAll(t, []byte("some ts"), func(o *Options) { o.FFmpeg = filepath.Join(t.TempDir(), "no-ffmpeg") })
	in, err := ReadInfo(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(r.Path())
	if filepath.Ext(r.Path()) != ".ts" || string(b) != "some ts" || in.File != filepath.Base(r.Path()) || in.Remuxed {
		t.Errorf("path %s holding %q, info %+v: want the TS kept and named", r.Path(), b, in)
	}
	if in.State != Done || in.RemuxError != "not remuxed to MKV: ffmpeg is not installed" {
		t.Errorf("info %+v, want done and why it is not an MKV", in)
	}
}

// fakeFFmpeg is a script standing in for ffmpeg: it writes junk where the
// MKV would go, says what a broken input makes ffmpeg say, and fails.
func fakeFFmpeg(t *testing.T) string {
	t.Helper()
	sh := testutil.RequireTool(t, "sh")
	path := filepath.Join(t.TempDir(), "ffmpeg")
	script := "#!" + sh + "\nfor a; do out=$a; done\necho junk > \"${out#file:}\"\n" +
		"echo 'a first complaint' >&2\necho 'in.ts: Invalid data found when processing input' >&2\nexit 1\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAFailingFFmpegKeepsTheTSAndLeavesNoPart(t *testing.T) {
	ff := fakeFFmpeg(t)
	r := recordAll(t, []byte("some ts"), func(o *Options) { o.FFmpeg = ff })
	in, err := ReadInfo(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(r.Path())
	if filepath.Ext(r.Path()) != ".ts" || string(b) != "some ts" || in.File != filepath.Base(r.Path()) {
		t.Errorf("path %s holding %q, info %+v: want the TS kept and named", r.Path(), b, in)
	}
	if in.RemuxError != "not remuxed to MKV: ffmpeg: in.ts: Invalid data found when processing input" {
		t.Errorf("remux error %q, want ffmpeg's last line", in.RemuxError)
	}
	if left := leftovers(t, filepath.Dir(r.Path()), filepath.Base(r.Path())); len(left) != 0 {
		t.Errorf("left beside the TS: %v, want no part file and no MKV", left)
	}
}

func TestAnEmptyRecordingIsNotRemuxed(t *testing.T) {
	ff := fakeFFmpeg(t)
	r := recordAll(t, nil, func(o *Options) { o.FFmpeg = ff })
	if in := r.Info(); in.RemuxError != "" || in.Remuxed || filepath.Ext(r.Path()) != ".ts" {
		t.Errorf("info %+v: an empty recording is no reason to run ffmpeg", in)
	}
}

func TestARemuxedRecordingKeepsItsName(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"X - 2026-12-02 20-00.json", "X - 2026-12-02 20-00.mkv"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, p, err := reserve(dir, "X - 2026-12-02 20-00")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if filepath.Base(p) != "X - 2026-12-02 20-00 (2).ts" {
		t.Errorf("reserved %q beside a remuxed recording of that name, want the (2)", filepath.Base(p))
	}
}

func TestRecoverRemovesOnlyStalePartFiles(t *testing.T) {
	dir := t.TempDir()
	stale, fresh := filepath.Join(dir, ".a.mkv.part"), filepath.Join(dir, ".b.mkv.part")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a part file an hour old is still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a part file being written now was removed: %v", err)
	}
}
