package xtream

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// TestVODDecodersOnRealAnswers reads the Xtream answers other clients keep
// in their tests. The corpus holds movie or series answers under names
// saying so (vod, movie, series), each decoded by its decoder without error;
// every other answer must still come back from every movie and series
// decoder without a panic, and a category list reads as one whichever
// catalogue it is for.
func TestVODDecodersOnRealAnswers(t *testing.T) {
	dir := testutil.Corpus(t, "realworld/xtream")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no answers in %s: %v", dir, err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			vodErr := decodeAllVOD(data, name)
			if vodErr != nil && isVODAnswer(name) {
				t.Errorf("a %s answer did not decode: %v", name, vodErr)
			}
		})
	}
	cats, err := DecodeVODCategories(mustRead(t, filepath.Join(dir, "ektotv-raw-categories.json")))
	if err != nil || len(cats) != 5 || cats[4].Name != "Football" || cats[4].ParentID != "1" {
		t.Fatalf("categories %+v, %v", cats, err)
	}
}

func isVODAnswer(name string) bool {
	return strings.Contains(name, "vod") || strings.Contains(name, "movie") || strings.Contains(name, "series")
}

// decodeAllVOD runs every decoder over data and returns the error of the
// one its name points to (nil when it names none).
func decodeAllVOD(data []byte, name string) error {
	_, errStreams := DecodeVODStreams(data)
	_, errInfo := DecodeVODInfo(data)
	_, errSeries := DecodeSeries(data)
	_, _, errSeriesInfo := DecodeSeriesInfo(data, "1")
	info := strings.Contains(name, "info")
	switch {
	case strings.Contains(name, "series") && info:
		return errSeriesInfo
	case strings.Contains(name, "series"):
		return errSeries
	case info:
		return errInfo
	case isVODAnswer(name):
		return errStreams
	}
	return nil
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
