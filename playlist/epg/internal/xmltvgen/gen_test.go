package xmltvgen

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteIsDeterministic(t *testing.T) {
	c := Config{Channels: 50, Days: 1}
	var a, b bytes.Buffer
	na, err := Write(&a, c)
	if err != nil {
		t.Fatal(err)
	}
	Write(&b, c)
	if na != int64(a.Len()) || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same config differ")
	}
	var c2 bytes.Buffer
	Write(&c2, Config{Channels: 50, Days: 1, Seed: 2})
	if bytes.Equal(a.Bytes(), c2.Bytes()) {
		t.Error("another seed gave the same guide")
	}
	ids := map[string]bool{}
	for _, ch := range Channels(c) {
		if ids[ch.ID] {
			t.Errorf("duplicate id %q", ch.ID)
		}
		ids[ch.ID] = true
		if !strings.Contains(a.String(), `<channel id="`+ch.ID+`">`) {
			t.Errorf("channel %q not in the guide", ch.ID)
		}
	}
}
