package playlist

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tuner-iptv/tuner/internal/chunked"
)

// fakeRecords makes channel i named "ch i" and counts what is read.
type fakeRecords struct {
	n             int
	reads, nameds atomic.Int64
}

func (r *fakeRecords) Len() int { return r.n }
func (r *fakeRecords) Channel(i int) Channel {
	r.reads.Add(1)
	return Channel{Name: fmt.Sprintf("ch %d", i), Group: "G"}
}
func (r *fakeRecords) Name(i int) string {
	r.nameds.Add(1)
	return fmt.Sprintf("ch %d", i)
}

func TestListIsTheSlice(t *testing.T) {
	s := []Channel{{Name: "a"}, {Name: "b"}}
	l := List(s)
	if l.Len() != 2 || l.Name(1) != "b" || l.Get(0).Name != "a" {
		t.Fatalf("list of %d: %q %q", l.Len(), l.Name(1), l.Get(0).Name)
	}
	l.At(0).Name = "changed"
	if s[0].Name != "changed" || &l.Slice()[0] != &s[0] {
		t.Fatal("At or Slice of a List is not the slice itself")
	}
	var zero Channels
	if zero.Len() != 0 || len(zero.Slice()) != 0 {
		t.Fatal("the zero list is not empty")
	}
}

func TestInPlaceMakesChannelsOnlyWhenAskedByAddress(t *testing.T) {
	r := &fakeRecords{n: 1000}
	l := InPlace(r)
	if l.Len() != 1000 {
		t.Fatalf("Len %d", l.Len())
	}
	if got := l.Get(700).Name; got != "ch 700" {
		t.Fatalf("Get(700) = %q", got)
	}
	if got := l.Name(3); got != "ch 3" || r.nameds.Load() != 1 || r.reads.Load() != 1 {
		t.Fatalf("Name(3) = %q after %d names and %d channels read", got, r.nameds.Load(), r.reads.Load())
	}
	p := l.At(300)
	if p != l.At(300) || p.Name != "ch 300" {
		t.Fatal("At is not one stable channel")
	}
	if made := r.reads.Load() - 1; made != chunked.Size {
		t.Fatalf("At made %d channels, want one chunk of %d", made, chunked.Size)
	}
	p.Name = "renamed"
	if l.Get(300).Name != "renamed" || l.Name(300) != "renamed" {
		t.Fatal("Get and Name do not see a change made through At")
	}
	if s := l.Slice(); len(s) != 1000 || s[300].Name != "renamed" || s[999].Name != "ch 999" {
		t.Fatal("Slice is not every channel as it stands")
	}
}

func TestPickSharesChannels(t *testing.T) {
	l := InPlace(&fakeRecords{n: 600})
	p := l.Pick([]int32{599, 2, 300})
	if p.Len() != 3 || p.Get(0).Name != "ch 599" || p.Name(2) != "ch 300" {
		t.Fatalf("pick: %d, %q, %q", p.Len(), p.Get(0).Name, p.Name(2))
	}
	if p.At(1) != l.At(2) {
		t.Fatal("a pick's channel is not its list's")
	}
	pp := p.Pick([]int32{2})
	if pp.At(0) != l.At(300) {
		t.Fatal("a pick of a pick does not reach the first list")
	}
	var names []string
	for i, c := range p.All() {
		names = append(names, fmt.Sprint(i, c.Name))
	}
	if fmt.Sprint(names) != "[0ch 599 1ch 2 2ch 300]" {
		t.Fatalf("All yields %v", names)
	}
}

func TestOutOfRangePanics(t *testing.T) {
	l := InPlace(&fakeRecords{n: 10})
	for name, f := range map[string]func(){
		"At":   func() { l.At(10) },
		"Get":  func() { l.Get(-1) },
		"Name": func() { l.Name(10) },
		"Pick": func() { l.Pick([]int32{10}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s out of range did not panic", name)
				}
			}()
			f()
		}()
	}
}

// Readers racing for the same chunk all get the same channel; run with -race.
func TestConcurrentAtAgrees(t *testing.T) {
	l := InPlace(&fakeRecords{n: 5000})
	const readers = 8
	got := make([][]*Channel, readers)
	var wg sync.WaitGroup
	for g := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range l.Len() {
				got[g] = append(got[g], l.At((i*7+g)%l.Len()))
			}
		}()
	}
	wg.Wait()
	for i := range l.Len() {
		if got := l.At(i).Name; got != fmt.Sprintf("ch %d", i) {
			t.Fatalf("channel %d is %q", i, got)
		}
	}
	for g := range readers {
		for k, p := range got[g] {
			if p != l.At((k*7+g)%l.Len()) {
				t.Fatalf("reader %d saw another channel %d", g, k)
			}
		}
	}
}

func TestGroupsWithMembers(t *testing.T) {
	both := &Extra{Groups: []string{"B", "A"}}
	l := List([]Channel{{Group: "A"}, {}, {Group: "B", Extra: both}, {Group: "A"}})
	got := GroupsWithMembers(l)
	if fmt.Sprint(got) != "[{A 3 [0 2 3]} {B 1 [2]}]" {
		t.Fatalf("groups %v", got)
	}
	if plain := BuildGroups(l); fmt.Sprint(plain) != "[{A 3 []} {B 1 []}]" {
		t.Fatalf("BuildGroups %v", plain)
	}
}

func TestBriefOfEveryKindOfList(t *testing.T) {
	film := Channel{Name: "Film", TvgID: "f", URL: "http://h/movie/u/p/1.mkv", Extra: &Extra{StreamID: "1"}}
	want := Brief{Name: "Film", TvgID: "f", StreamID: "1"}
	if got := List([]Channel{{}, film}).Brief(1); got != want {
		t.Errorf("List: %+v, want %+v", got, want)
	}
	if got := List([]Channel{{}, film}).Pick([]int32{1}).Brief(0); got != want {
		t.Errorf("Pick: %+v, want %+v", got, want)
	}
	r := &fakeRecords{n: 10}
	l := InPlace(r)
	if got := l.Brief(4); got != (Brief{Name: "ch 4"}) || r.reads.Load() != 1 {
		t.Errorf("records with no Brief of their own: %+v after %d reads", got, r.reads.Load())
	}
	l.At(4).Name = "renamed"
	if got := l.Brief(4).Name; got != "renamed" {
		t.Errorf("Brief after a change through At: %q", got)
	}
}

// finderRecords are fakeRecords that also find, as the cache does, and say
// how often they were asked.
type finderRecords struct {
	fakeRecords
	finds int
}

func (r *finderRecords) Find(names, ids []string) []int32 {
	r.finds++
	var out []int32
	for i := range r.n {
		if slices.Contains(names, fmt.Sprintf("ch %d", i)) {
			out = append(out, int32(i))
		}
	}
	return out
}

func TestFindInEveryKindOfList(t *testing.T) {
	chs := []Channel{{Name: "a"}, {Name: "b", Extra: &Extra{StreamID: "7"}}, {Name: "a"}, {Name: "c", Extra: &Extra{StreamID: "8"}}}
	l := List(chs)
	if got := l.Find([]string{"a", "zz"}, []string{"8"}); !slices.Equal(got, []int32{0, 2, 3}) {
		t.Errorf("List: %v, want [0 2 3]", got)
	}
	if got := l.Find([]string{"b"}, []string{"7"}); !slices.Equal(got, []int32{1}) {
		t.Errorf("found by name and by id: %v, want [1] once", got)
	}
	if got := l.Pick([]int32{3, 2, 1}).Find([]string{"a"}, []string{"7"}); !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("Pick: %v, want [1 2]", got)
	}
	r := &finderRecords{fakeRecords: fakeRecords{n: 1000}}
	in := InPlace(r)
	if got := in.Find([]string{"ch 5", "ch 900"}, nil); !slices.Equal(got, []int32{5, 900}) || r.finds != 1 || r.reads.Load() != 0 {
		t.Errorf("in place: %v after %d finds and %d reads", got, r.finds, r.reads.Load())
	}
	if got := in.PickSorted([]int32{1, 5, 700, 900}).Find([]string{"ch 5", "ch 900", "ch 6"}, nil); !slices.Equal(got, []int32{1, 3}) || r.finds != 2 {
		t.Errorf("sorted pick in place: %v after %d finds", got, r.finds)
	}
}
