package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func search(t *testing.T, ix *Index, q string, within []int32) []int32 {
	t.Helper()
	got, err := ix.Search(context.Background(), q, within)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return got
}

func namesOf(names []string, idx []int32) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = names[i]
	}
	return out
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name, query, in string
		want            class
		ok              bool
	}{
		{"exact", "sky", "Sky", exact, true},
		{"exact ignoring accents", "CAFE", "Café", exact, true},
		{"prefix", "sky", "Sky Sports", prefix, true},
		{"word start", "sports", "Sky Sports", wordStart, true},
		{"word start after punctuation", "tf1", "FR: TF1 HD", wordStart, true},
		{"later occurrence starts a word", "one", "Phone One", wordStart, true},
		{"each word starts a word", "sky prem", "UK | Sky Sports Premier", wordStart, true},
		{"words out of order", "prem sky", "UK | Sky Sports Premier", scattered, false},
		{"words split by punctuation", "sky sports", "Sky-Sports", wordStart, true},
		{"spaces in a scattered query", "k sp", "Skysport", scattered, true},
		{"a query word starting the name, apart", "sk sp", "Skysport", someWords + 1, true},
		{"substring", "port", "Sky Sports", substring, true},
		{"substring of a cjk word", "本", "日本", substring, true},
		{"scattered", "ssp", "Sky Sports Premier", scattered, true},
		{"scattered multibyte", "日ビ", "日本テレビ", scattered, true},
		{"one query word a whole word, apart", "de ard", "Das Erste (ARD)", someWords + 1, true},
		{"the shorter query word a whole word, apart", "de ard", "DE: ARTE HD", someWords + 2, true},
		{"a query word starting a word, apart", "sky spt", "Sky Sports", someWords + 2, true},
		{"no query word starts a word", "de ard", "Idee Hardrock", scattered, true},
		{"sharp s matches ss", "strasse", "Straße TV", prefix, true},
		{"full-width query", "ｔｆ１", "TF1", exact, true},
		{"no match", "xyz", "Sky Sports", 0, false},
		{"characters out of order", "yks", "Sky", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := newQuery(tt.query).classify(appendFold(nil, tt.in, nil))
			if ok != tt.ok || ok && got != tt.want {
				t.Errorf("classify(%q, %q) = %d, %v; want %d, %v", tt.query, tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSearchRanking(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		query string
		want  []string
	}{
		{
			name:  "classes in order",
			names: []string{"s k y", "xskyx", "The Sky Channel", "Sky Sports", "asky", "Skyline", "sky", "BBC"},
			query: "sky",
			want:  []string{"sky", "Skyline", "Sky Sports", "The Sky Channel", "asky", "xskyx", "s k y"},
		},
		{
			name:  "ties keep original order",
			names: []string{"Sky Two", "Sky One", "Sky Six"},
			query: "sky",
			want:  []string{"Sky Two", "Sky One", "Sky Six"},
		},
		{
			name:  "shorter first within a class",
			names: []string{"UK | Sky Sports F1 HD", "UK | Sky Sports F1"},
			query: "sports",
			want:  []string{"UK | Sky Sports F1", "UK | Sky Sports F1 HD"},
		},
		{
			name:  "accents and case ignored",
			names: []string{"Amelie (2001)", "AMÉLIE", "amélie poulain"},
			query: "Amélie",
			want:  []string{"AMÉLIE", "Amelie (2001)", "amélie poulain"},
		},
		{
			name:  "word starts above substring",
			names: []string{"xsky premx", "UK | Sky Sports Premier"},
			query: "sky prem",
			want:  []string{"UK | Sky Sports Premier", "xsky premx"},
		},
		{
			name:  "query words that are whole words beat a scattered match",
			names: []string{"xdxexaxrxd", "DE: ARTE HD", "Das Erste (ARD)", "DE: ARD HD", "ARD"},
			query: "de ard",
			want:  []string{"DE: ARD HD", "Das Erste (ARD)", "DE: ARTE HD", "xdxexaxrxd"},
		},
		{
			name:  "length counted in runes, not bytes",
			names: []string{"TV 日本テレビ", "TV Japan 123"},
			query: "tv",
			want:  []string{"TV 日本テレビ", "TV Japan 123"},
		},
		{
			name:  "cjk",
			names: []string{"NHK 総合", "日本テレビ", "テレビ朝日"},
			query: "テレビ",
			want:  []string{"テレビ朝日", "日本テレビ"},
		},
		{
			name:  "spaces around and between words ignored",
			names: []string{"BBC One HD", " BBC  One ", "BBC One"},
			query: "bbc one ",
			want:  []string{"BBC One", " BBC  One ", "BBC One HD"},
		},
		{
			name:  "no match",
			names: []string{"BBC One", "CNN"},
			query: "zdf",
			want:  []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := namesOf(tt.names, search(t, NewIndex(tt.names), tt.query, nil))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchWithin(t *testing.T) {
	names := []string{"BBC One", "BBC Two", "CNN", "BBC News", "Sky News"}
	ix := NewIndex(names)
	tests := []struct {
		name   string
		query  string
		within []int32
		want   []int32
	}{
		{"subset only", "bbc", []int32{1, 2, 3}, []int32{1, 3}},
		{"empty query returns the subset", "", []int32{2, 4}, []int32{2, 4}},
		{"empty query returns all", "", nil, []int32{0, 1, 2, 3, 4}},
		{"blank query returns all", "  ", nil, []int32{0, 1, 2, 3, 4}},
		{"empty subset", "bbc", []int32{}, []int32{}},
		{"out of range indexes ignored", "news", []int32{-1, 3, 4, 99}, []int32{3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := search(t, ix, tt.query, tt.within); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %v) = %v, want %v", tt.query, tt.within, got, tt.want)
			}
		})
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := NewIndex(nil)
	for _, q := range []string{"", "a", "sky sports"} {
		if got := search(t, ix, q, nil); len(got) != 0 {
			t.Errorf("Search(%q) on an empty index = %v", q, got)
		}
	}
	if ix.Len() != 0 {
		t.Errorf("Len = %d, want 0", ix.Len())
	}
}

func TestSearchResultBelongsToCaller(t *testing.T) {
	ix := NewIndex([]string{"BBC One", "BBC Two"})
	first := search(t, ix, "bbc", nil)
	first[0], first[1] = 7, 7
	if got := search(t, ix, "bbc", nil); !slices.Equal(got, []int32{0, 1}) {
		t.Errorf("second Search = %v, want [0 1]", got)
	}
	within := []int32{0, 1}
	search(t, ix, "bbc o", within)
	within[0] = 1
	if got := search(t, ix, "bbc on", within); len(got) != 0 {
		t.Errorf("Search after changing the subset = %v, want none", got)
	}
}

func TestSearchCancelled(t *testing.T) {
	ix := NewIndex(testNames(1000))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := ix.Search(ctx, "sky", nil); !errors.Is(err, context.Canceled) || got != nil {
		t.Errorf("Search with cancelled ctx = %v, %v; want nil, context.Canceled", got, err)
	}
	ctx, cancel = context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	if _, err := ix.Search(ctx, "", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Search past deadline: err = %v, want context.DeadlineExceeded", err)
	}
	// A cancelled search must leave nothing behind that a later one reuses.
	if got, want := search(t, ix, "sky", nil), reference(ix, "sky", nil); !slices.Equal(got, want) {
		t.Errorf("Search after cancel differs from reference")
	}
}

// cancelAfter is a context that reports cancellation after its Done channel
// has been looked at a few times, to stop a search midway.
type cancelAfter struct {
	context.Context
	mu    sync.Mutex
	left  int
	done  chan struct{}
	fired bool
}

func (c *cancelAfter) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.left--; c.left < 0 && !c.fired {
		c.fired = true
		close(c.done)
	}
	return c.done
}

func (c *cancelAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fired {
		return context.Canceled
	}
	return nil
}

func TestSearchCancelledMidway(t *testing.T) {
	ix := NewIndex(testNames(50_000))
	ctx := &cancelAfter{Context: context.Background(), left: 1, done: make(chan struct{})}
	if got, err := ix.Search(ctx, "s", nil); !errors.Is(err, context.Canceled) || got != nil {
		t.Errorf("Search cancelled midway = %d results, %v; want nil, context.Canceled", len(got), err)
	}
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		name, in, query string
		want            []int
	}{
		{"prefix", "Sky Sports", "sky", []int{0, 1, 2}},
		{"word start preferred over earlier substring", "Phone One", "one", []int{6, 7, 8}},
		{"substring", "Sky Sports", "port", []int{5, 6, 7, 8}},
		{"words at word starts", "UK | Sky Sports Premier", "sky pr", []int{5, 6, 7, 16, 17}},
		{"scattered prefers word starts", "Sky Sports Premier League", "sspl", []int{0, 4, 11, 19}},
		{"scattered falls back to leftmost", "Skysport", "ysp", []int{2, 3, 4}},
		{"scattered multibyte", "日本テレビ", "日ビ", []int{0, 4}},
		{"accented runes", "Café Ñuñoa", "nun", []int{5, 6, 7}},
		{"sharp s covers one rune", "Straße", "sse", []int{4, 5}},
		{"cjk", "日本テレビ", "テレ", []int{2, 3}},
		{"full-width", "ＴＦ１ HD", "tf1", []int{0, 1, 2}},
		{"emoji before match", "🎬 Movies", "mov", []int{2, 3, 4}},
		{"padded name", "  BBC  One ", "one", []int{7, 8, 9}},
		{"no match", "Sky Sports", "zdf", nil},
		{"empty query", "Sky Sports", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex([]string{tt.in})
			if got := ix.Highlight(tt.query, 0); !slices.Equal(got, tt.want) {
				t.Errorf("Highlight(%q) in %q = %v, want %v", tt.query, tt.in, got, tt.want)
			}
		})
	}
	if got := NewIndex(nil).Highlight("a", 3); got != nil {
		t.Errorf("Highlight out of range = %v, want nil", got)
	}
}

// reference ranks without the index's shortcuts: classify every candidate and
// sort by class, length in runes, then position.
func reference(ix *Index, query string, within []int32) []int32 {
	q := newQuery(query)
	cands := within
	if cands == nil {
		cands = ix.all
	}
	if q.empty() {
		return slices.Clone(cands)
	}
	type hit struct {
		i   int32
		c   class
		len int
	}
	var hits []hit
	for _, i := range cands {
		if c, ok := q.classify(ix.name(i)); ok {
			hits = append(hits, hit{i, c, min(utf8.RuneCountInString(ix.names.Name(int(i))), maxLen)})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.c != b.c {
			return int(a.c) - int(b.c)
		}
		return a.len - b.len
	})
	out := make([]int32, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.i)
	}
	return out
}

// randomQuery takes a few runes of a random name, the way a person remembers one.
func randomQuery(rng *rand.Rand, names []string) string {
	r := []rune(names[rng.IntN(len(names))])
	start := rng.IntN(len(r))
	n := 1 + rng.IntN(min(8, len(r)-start))
	q := r[start : start+n]
	if rng.IntN(3) == 0 && len(q) > 2 {
		q = slices.Delete(slices.Clone(q), 1, 2) // skip a letter: a scattered match
	}
	return string(q)
}

// TestIncrementalMatchesFresh types random queries key by key, with backspaces
// and subsets, and checks every result against a search that reuses nothing.
func TestIncrementalMatchesFresh(t *testing.T) {
	names := testNames(40_000)
	ix := NewIndex(names)
	rng := rand.New(rand.NewPCG(3, 4))
	var group []int32
	for i := int32(0); i < int32(len(names)); i += 1 + int32(rng.IntN(3)) {
		group = append(group, i)
	}
	for round := range 40 {
		var within []int32
		if round%3 == 1 {
			within = group
		}
		typed := []rune{}
		for _, r := range randomQuery(rng, names) {
			typed = append(typed, r)
			if rng.IntN(4) == 0 {
				typed = typed[:len(typed)-1] // backspace, then type on
				check(t, ix, string(typed), within)
				typed = append(typed, r)
			}
			check(t, ix, string(typed), within)
		}
	}
}

// One-letter queries are classified from the masks alone; they must agree with
// the full matcher.
func TestSingleLetters(t *testing.T) {
	ix := NewIndex(append(testNames(20_000), "s", "S-", "-s", "ß"))
	for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789+|:(" {
		ix.forget()
		check(t, ix, string(c), nil)
	}
}

// Words of a query may match across punctuation, so a name can match "a b"
// without matching "a ": typing must not lose it.
func TestNarrowingAcrossPunctuation(t *testing.T) {
	names := []string{"|ES| Movistar", "a-b", "UK | Movie", "Sky.Sports", "Sky Sports"}
	for _, q := range []string{" | m", "a b", "sky sports", "| mo"} {
		t.Run(q, func(t *testing.T) {
			ix := NewIndex(names)
			for n := 1; n <= len(q); n++ {
				check(t, ix, q[:n], nil)
			}
		})
	}
}

func check(t *testing.T, ix *Index, q string, within []int32) {
	t.Helper()
	got := search(t, ix, q, within)
	if want := reference(ix, q, within); !slices.Equal(got, want) {
		t.Fatalf("Search(%q, subset %v) gave %d results, reference %d", q, within != nil, len(got), len(want))
	}
}

func TestConcurrentSearches(t *testing.T) {
	names := testNames(40_000)
	ix := NewIndex(names)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 9))
			for range 6 {
				q := randomQuery(rng, names)
				for n := 1; n <= len(q); n++ {
					got, err := ix.Search(context.Background(), q[:n], nil)
					if err != nil {
						t.Error(err)
						return
					}
					if want := reference(ix, q[:n], nil); !slices.Equal(got, want) {
						t.Errorf("concurrent Search(%q) differs from reference", q[:n])
						return
					}
					ix.Highlight(q[:n], int32(rng.IntN(len(names))))
				}
			}
		})
	}
	wg.Wait()
}

func ExampleIndex_Search() {
	names := []string{"UK | Sky Sports F1", "Sky", "FR: TF1 HD", "Sky Sports Main Event", "Skyline Stories (2010)"}
	ix := NewIndex(names)
	res, _ := ix.Search(context.Background(), "sky s", nil)
	for _, i := range res {
		fmt.Println(names[i], ix.Highlight("sky s", i))
	}
	// Output:
	// Sky Sports Main Event [0 1 2 3 4]
	// UK | Sky Sports F1 [5 6 7 8 9]
	// Skyline Stories (2010) [0 1 2 8]
}
