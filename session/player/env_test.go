package player

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

func TestPlayersDoNotInheritPasswords(t *testing.T) {
	dir := fakeBin(t, "mpv", "vlc", "myplayer")
	t.Setenv("TUNER_PASSWORD", "s3cr3t-env")
	t.Setenv("TUNER_PROVIDER_PASSWORD", "s3cr3t-template")
	t.Setenv("MY_IPTV_PW", "s3cr3t-config")
	t.Setenv("TUNER_KEEP_ME", "harmless")
	for _, name := range []string{"mpv", "vlc", "myplayer"} {
		t.Run(name, func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "environ")
			t.Setenv(fakeEnvLog, log)
			p, err := New(filepath.Join(dir, name), Options{RuntimeDir: t.TempDir(), SecretEnv: []string{"MY_IPTV_PW"}})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close(context.Background())
			p.Play(context.Background(), "http://127.0.0.1:1/s/x/0/media.ts", "A")
			testutil.Eventually(t, "the player to start", func() bool { b, _ := os.ReadFile(log); return len(b) > 0 })
			env, _ := os.ReadFile(log)
			for _, bad := range []string{"s3cr3t", "TUNER_PASSWORD=", "MY_IPTV_PW="} {
				if strings.Contains(string(env), bad) {
					t.Errorf("the player's environment holds %q", bad)
				}
			}
			if !strings.Contains(string(env), "TUNER_KEEP_ME=harmless") {
				t.Error("the player lost a variable that holds no secret")
			}
		})
	}
}
