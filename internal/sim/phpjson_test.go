package sim

import (
	"encoding/json"
	"testing"
)

func TestPHPStringDecodesBack(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "UK: BBC One HD", `"UK: BBC One HD"`},
		{"slashes escaped", "http://h/logo/1.png", `"http:\/\/h\/logo\/1.png"`},
		{"quotes and backslash", `a "b" \c`, `"a \"b\" \\c"`},
		{"accent", "Télé", `"T\u00e9l\u00e9"`},
		{"CJK", "総合", `"\u7dcf\u5408"`},
		{"emoji as surrogate pair", "⚽💋", `"\u26bd\ud83d\udc8b"`},
		{"control", "a\tb\n", `"a\u0009b\n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(appendPHPString(nil, tt.in))
			if got != tt.want {
				t.Fatalf("encoded %s, want %s", got, tt.want)
			}
			var back string
			if err := json.Unmarshal([]byte(got), &back); err != nil || back != tt.in {
				t.Fatalf("decoded %q (%v), want %q", back, err, tt.in)
			}
		})
	}
}
