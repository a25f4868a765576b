package gate

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readN reads exactly n bytes of body, failing the test on a short read.
func readN(t *testing.T, body io.Reader, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := io.ReadFull(body, b); err != nil {
		t.Fatalf("reading %d bytes: %v", n, err)
	}
	return b
}

func TestFileStreamFollowsAGrowingFile(t *testing.T) {
	g := newGate(t)
	path := filepath.Join(t.TempDir(), "News - 2026-12-02 20-00.ts")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.WriteString("first;")
	ended := make(chan struct{})
	f, err := g.OpenFile(path, ended)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Stop()
	if strings.Contains(f.URL(), "News") {
		t.Fatalf("the URL names the file: %s", f.URL())
	}
	resp, err := http.Get(f.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength != -1 {
		t.Fatalf("status %d, length %d; want 200 with no length while the file grows", resp.StatusCode, resp.ContentLength)
	}
	if got := readN(t, resp.Body, 6); string(got) != "first;" {
		t.Fatalf("got %q", got)
	}
	within(t, f.FirstByte(), "the first byte")
	// The reader waits at the end for what is written next, like tail -f.
	w.WriteString("second;")
	if got := readN(t, resp.Body, 7); string(got) != "second;" {
		t.Fatalf("got %q", got)
	}
	w.WriteString("last")
	close(ended)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || string(rest) != "last" {
		t.Fatalf("after the end: %q, %v; want the rest and the response over", rest, err)
	}
}

func TestFileStreamServesRangesWhileGrowingAndWhenDone(t *testing.T) {
	g := newGate(t)
	path := filepath.Join(t.TempDir(), "rec.ts")
	if err := os.WriteFile(path, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	f, err := g.OpenFile(path, ended)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Stop()
	req, _ := http.NewRequest(http.MethodGet, f.URL(), nil)
	req.Header.Set("Range", "bytes=4-")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Fatalf("status %d, Accept-Ranges %q; want 206 and bytes", resp.StatusCode, resp.Header.Get("Accept-Ranges"))
	}
	if got := readN(t, resp.Body, 6); string(got) != "456789" {
		t.Fatalf("got %q", got)
	}
	// Stop ends a response waiting at the end of the file.
	f.Stop()
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Fatalf("after Stop: %v", err)
	}
	resp.Body.Close()
	if resp, err := http.Get(f.URL()); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("after Stop the URL answers %v, %v; want 404", resp, err)
	}

	close(ended)
	done, err := g.OpenFile(path, ended)
	if err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest(http.MethodGet, done.URL(), nil)
	req.Header.Set("Range", "bytes=2-4")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(body, []byte("234")) ||
		resp.Header.Get("Content-Range") != "bytes 2-4/10" {
		t.Fatalf("a finished file: %d %q %q; want 206 234 with its size", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
}

// A recording remuxed to MKV removes its TS while someone may be watching
// it: the watching, seeks included, goes on from the file as it was.
func TestFileStreamPlaysOnWhenItsNameIsRemoved(t *testing.T) {
	g := newGate(t)
	path := filepath.Join(t.TempDir(), "rec.ts")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.WriteString("01234")
	ended := make(chan struct{})
	f, err := g.OpenFile(path, ended)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Stop()
	resp, err := http.Get(f.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := readN(t, resp.Body, 5); string(got) != "01234" {
		t.Fatalf("got %q", got)
	}
	w.WriteString("56789")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	close(ended)
	if rest, err := io.ReadAll(resp.Body); err != nil || string(rest) != "56789" {
		t.Fatalf("the rest after the name went: %q, %v", rest, err)
	}
	req, _ := http.NewRequest(http.MethodGet, f.URL(), nil)
	req.Header.Set("Range", "bytes=3-6")
	seek, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer seek.Body.Close()
	body, _ := io.ReadAll(seek.Body)
	if seek.StatusCode != http.StatusPartialContent || string(body) != "3456" {
		t.Fatalf("a seek after the name went: %d %q; want 206 3456", seek.StatusCode, body)
	}
}
