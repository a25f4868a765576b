package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestDeepNestingIsRefusedBeforeDecoding(t *testing.T) {
	tests := []struct{ name, text, at string }{
		{"inline tables", "[ui]\ntheme = " + strings.Repeat("{a=", 300) + "1" + strings.Repeat("}", 300) + "\n", ":2:"},
		{"arrays", "[player]\nargs = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", ":2:"},
		{"dotted key", "[ui]\n" + strings.Repeat("a.", 300) + "a = 1\n", ":2:"},
		{"dotted table", "[ui" + strings.Repeat(".a", 300) + "]\n", ":1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocatedBy(func() { _, _, err = Parse("config.toml", tt.text, true) })
			if err == nil || err.Error() != "config.toml"+tt.at+" values nest more than 16 levels deep" {
				t.Fatalf("error %v, want the nesting refused", err)
			}
			if n > 1<<20 {
				t.Errorf("allocated %d KB to refuse %d bytes", n>>10, len(tt.text))
			}
		})
	}
}

func TestBracketsInStringsAndCommentsAreNotNesting(t *testing.T) {
	deep := strings.Repeat("[{", 20)
	text := "# " + deep + "\n[player]\nprogram = \"" + deep + "\"\nargs = ['" + deep + "', \"\"\"\n" + deep + "\n\"\"\", \"\\\"" + deep + "\"]\n" +
		"[ui.keys]\nquit = [\"q\", \"ctrl+c\"]\n[epg]\nrefresh = \"1.5h\"\n"
	if _, _, err := Parse("config.toml", text, true); err != nil {
		t.Fatalf("a config with brackets in strings and comments: %v", err)
	}
}

func TestAConfigOverAMegabyteIsRefusedUnread(t *testing.T) {
	big := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", 2<<20)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	paths := []string{big}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
	}
	for _, path := range paths {
		var err error
		n := allocatedBy(func() { _, _, err = Load(path) })
		if err == nil || err.Error() != path+": larger than 1 MB; a config file is a few KB" {
			t.Errorf("Load(%s) = %v, want it refused for its size", path, err)
		}
		if n > 4<<20 {
			t.Errorf("Load(%s) allocated %d MB", path, n>>20)
		}
	}
	if _, _, err := Parse("config.toml", strings.Repeat("#", 1<<20+1), true); err == nil || !strings.Contains(err.Error(), "larger than 1 MB") {
		t.Errorf("Parse of 1 MB and a byte: %v", err)
	}
}
