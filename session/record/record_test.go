package record

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/clocktest"
	"github.com/tuner-iptv/tuner/session/lease"
)

func TestFileNameIsSafeAndReadable(t *testing.T) {
	at := time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ channel, title, want string }{
		{"BBC One", "News", "BBC One - News - 2026-12-02 20-00"},
		{"BBC One", "", "BBC One - 2026-12-02 20-00"},
		{"UK: Sky/Sports", "Match\x00 \t Day\n", "UK- Sky-Sports - Match Day - 2026-12-02 20-00"},
		{"../../etc", "a|b?*", "-..-etc - ab - 2026-12-02 20-00"},
		{"\x1b[31m", "", "[31m - 2026-12-02 20-00"},
		{"", "", "Recording - 2026-12-02 20-00"},
	} {
		got := FileName(tc.channel, tc.title, at)
		if got != tc.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", tc.channel, tc.title, got, tc.want)
		}
		if strings.ContainsAny(got, "/\\\x00\n") {
			t.Errorf("FileName(%q, %q) = %q holds a separator or a control character", tc.channel, tc.title, got)
		}
	}
	if n := FileName(strings.Repeat("é", 300), strings.Repeat("x", 300), at); len(n) > 255 {
		t.Errorf("a long name takes %d bytes, more than a file system allows", len(n))
	}
}

func TestReserveNeverReusesAFile(t *testing.T) {
	dir := t.TempDir()
	a, pa, err := reserve(dir, "X - 2026-12-02 20-00")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, pb, err := reserve(dir, "X - 2026-12-02 20-00")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if pa == pb || filepath.Base(pb) != "X - 2026-12-02 20-00 (2).ts" {
		t.Errorf("second file %q beside %q", pb, pa)
	}
}

func TestRecoverMarksWhatACrashLeftPartial(t *testing.T) {
	dir := t.TempDir()
	gone := lease.Proc{PID: 1 << 30}
	write := func(name string, st State, who lease.Proc, media []byte) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name+".ts"), media, 0o600); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".json")
		if err := writeInfo(p, Info{State: st, Channel: name, File: name + ".ts", Started: time.Now(), Recorder: who}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	crashed := write("crashed", Recording, gone, make([]byte, 1880))
	empty := write("empty", Recording, gone, nil)
	live := write("live", Recording, lease.Self(), []byte{0x47})
	done := write("done", Done, gone, []byte{0x47})
	marked, err := Recover(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(marked) != 2 {
		t.Errorf("marked %d, want the crashed and the empty one", len(marked))
	}
	for p, want := range map[string]State{crashed: Partial, empty: Failed, live: Recording, done: Done} {
		in, err := ReadInfo(p)
		if err != nil {
			t.Fatal(err)
		}
		if in.State != want {
			t.Errorf("%s: state %s, want %s", in.Channel, in.State, want)
		}
	}
	if in, _ := ReadInfo(crashed); in.Bytes != 1880 || in.LastError == "" {
		t.Errorf("crashed: %+v, want the file's real size and why it is partial", in)
	}
	all, err := List(dir)
	if err != nil || len(all) != 4 {
		t.Errorf("List = %d recordings, %v; want 4", len(all), err)
	}
}

// conns hands out scripted connections, one per Open.
type conns struct {
	mu    sync.Mutex
	plan  []func(ctx context.Context) (io.ReadCloser, error)
	opens int
}

func (c *conns) open(ctx context.Context) (io.ReadCloser, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := c.opens
	c.opens++
	if i >= len(c.plan) {
		return nil, errors.New("nothing more planned")
	}
	return c.plan[i](ctx)
}

// cutAfter sends data, then fails as a dropped connection does.
func cutAfter(data string) func(context.Context) (io.ReadCloser, error) {
	return func(context.Context) (io.ReadCloser, error) {
		return io.NopCloser(io.MultiReader(strings.NewReader(data), failing{io.ErrUnexpectedEOF})), nil
	}
}

// flowing sends data, then nothing until closed.
func flowing(data string) func(context.Context) (io.ReadCloser, error) {
	return func(ctx context.Context) (io.ReadCloser, error) {
		pr, pw := io.Pipe()
		go func() {
			pw.Write([]byte(data))
			<-ctx.Done()
			pw.CloseWithError(ctx.Err())
		}()
		return pr, nil
	}
}

var errRefused = errors.New("stream refused with HTTP 401 Unauthorized")

func refused(context.Context) (io.ReadCloser, error) { return nil, errRefused }

type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

func waitBytes(t *testing.T, r *Recorder, n int64) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for r.Info().Bytes < n {
		select {
		case <-deadline:
			t.Fatalf("recorded %d bytes, want %d: %+v", r.Info().Bytes, n, r.Info())
		case <-r.Done():
			t.Fatalf("ended at %d bytes, want %d: %+v", r.Info().Bytes, n, r.Info())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func testOptions(t *testing.T, c *conns) (Options, *clocktest.Stepping) {
	clock := clocktest.New(time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC))
	return Options{Dir: t.TempDir(), Channel: "News", Open: c.open, Clock: clock,
		Refused: func(err error) bool { return errors.Is(err, errRefused) }}, clock
}

func TestADropIsReconnectedAndTheGapNoted(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){cutAfter("aaaa"), flowing("bbbb")}}
	opts, _ := testOptions(t, c)
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	waitBytes(t, r, 8)
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(r.Path())
	in, err := ReadInfo(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "aaaabbbb" || in.State != Done || in.Bytes != 8 {
		t.Errorf("file %q, info %+v: want both connections' bytes in one file, done", b, in)
	}
	if len(in.Gaps) != 1 || in.Gaps[0].Length() != 3*time.Second || in.Gaps[0].Reason == "" {
		t.Errorf("gaps = %+v, want one of 3 s (the first polite wait) with its reason", in.Gaps)
	}
}

func TestARefusalIsExplainedAndRetriedPolitely(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){cutAfter("aa"), refused, refused, flowing("bb")}}
	opts, _ := testOptions(t, c)
	opts.Explain = func(err error) string {
		if errors.Is(err, errRefused) {
			return "another device uses the account's only connection"
		}
		return ""
	}
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	waitBytes(t, r, 4)
	r.Stop(context.Background())
	in := r.Info()
	// 3 s after the cut, then 10 and 20 s after each refusal: a panel that
	// counts a slot is not asked again at once.
	if len(in.Gaps) != 1 || in.Gaps[0].Length() != 33*time.Second {
		t.Errorf("gaps = %+v, want one of 33 s", in.Gaps)
	}
	if in.LastError != "another device uses the account's only connection" {
		t.Errorf("last error %q, want the refusal's diagnosis", in.LastError)
	}
}

// fullDisk takes room bytes, then says the disk is full.
type fullDisk struct {
	room int
	got  []byte
}

func (d *fullDisk) Write(b []byte) (int, error) {
	n := min(len(b), d.room-len(d.got))
	d.got = append(d.got, b[:n]...)
	if n < len(b) {
		return n, &os.PathError{Op: "write", Path: "x.ts", Err: syscall.ENOSPC}
	}
	return n, nil
}
func (d *fullDisk) Sync() error  { return nil }
func (d *fullDisk) Close() error { return nil }

func TestAFullDiskStopsAndKeepsWhatWasWritten(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){flowing(strings.Repeat("x", 100))}}
	opts, _ := testOptions(t, c)
	disk := &fullDisk{room: 60}
	opts.create = func(dir, base string) (file, string, error) { return disk, filepath.Join(dir, base+".ts"), nil }
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a full disk did not end the recording")
	}
	in, err := ReadInfo(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	if in.State != Partial || in.Bytes != 60 || !strings.Contains(in.LastError, "disk is full") || !errors.Is(r.Err(), ErrDiskFull) {
		t.Errorf("info %+v, err %v: want partial, 60 bytes kept, the full disk named", in, r.Err())
	}
	if c.opens != 1 {
		t.Errorf("%d connections opened: a full disk is no reason to ask the provider again", c.opens)
	}
}

func TestAFirstRefusalLeavesNoFile(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){refused}}
	opts, _ := testOptions(t, c)
	if _, err := Start(context.Background(), opts); !errors.Is(err, errRefused) {
		t.Fatalf("Start = %v, want the refusal", err)
	}
	if ents, _ := os.ReadDir(opts.Dir); len(ents) != 0 {
		t.Errorf("left %d files behind", len(ents))
	}
}

func TestTheInfoFileHoldsNoPassword(t *testing.T) {
	const pass = "s3cret-Pw"
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){
		func(context.Context) (io.ReadCloser, error) {
			return io.NopCloser(io.MultiReader(strings.NewReader("ts"),
				failing{errors.New(`Get "http://host/live/alice/` + pass + `/1.ts": EOF`)})), nil
		},
		flowing("more"),
	}}
	opts, _ := testOptions(t, c)
	opts.URL = "http://host/live/alice/" + pass + "/1.ts"
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	waitBytes(t, r, 6)
	r.Stop(context.Background())
	b, err := os.ReadFile(r.InfoPath())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), pass) || strings.Contains(r.Path(), pass) {
		t.Errorf("the info file or the name holds the password:\n%s", b)
	}
}

func TestAProviderAwayUntilTheEndLeavesAGapToTheEnd(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){cutAfter("aa"), refused, refused, refused}}
	opts, clock := testOptions(t, c)
	opts.Until = clock.Now().Add(30 * time.Second)
	r, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the end did not end the recording")
	}
	in := r.Info()
	// Waits of 3 s (the cut), 10 s (a refusal), then the 17 s left: a
	// third try would come after the end, so none is made.
	if in.State != Done || c.opens != 3 || len(in.Gaps) != 1 || in.Gaps[0].Length() != 30*time.Second || !in.Ended.Equal(opts.Until) {
		t.Errorf("info %+v after %d opens: want done at the end, one gap to it, no try past it", in, c.opens)
	}
}

func TestAnEndAlreadyPastIsRefused(t *testing.T) {
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){flowing("x")}}
	opts, clock := testOptions(t, c)
	opts.Until = clock.Now()
	if _, err := Start(context.Background(), opts); err == nil || c.opens != 0 {
		t.Errorf("Start with its end now = %v after %d opens, want an error and no connection", err, c.opens)
	}
}

func TestListReadsAFolderWhoseNameLooksLikeAPattern(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rec [*]")
	if err := writeInfo(filepath.Join(dir, "a.json"), Info{State: Done, Channel: "A", File: "a.ts"}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.json"), []byte(`{"hello": 1}`), 0o600)
	all, err := List(dir)
	if err != nil || len(all) != 1 || all[0].Channel != "A" {
		t.Errorf("List = %+v, %v; want the one recording", all, err)
	}
	if none, err := List(filepath.Join(dir, "missing")); err != nil || len(none) != 0 {
		t.Errorf("List of a missing folder = %v, %v; want none", none, err)
	}
}
