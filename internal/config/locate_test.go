package config

import "testing"

func TestLocatorLines(t *testing.T) {
	text := `# [not a table] = 1
top = "x" # a comment with ] and =
"quoted.key" = 1
[player]
args = [ # starts here
  "a]",
  """
[ui]
  """,
]
mode = 'window'
[[source]]
name = "a"
[[source]]
  name = "b"   
  a.b = { c = 1 }
[ui.keys]
"copy-url" = ["y"]
`
	l := locate(text)
	for path, want := range map[string]int{
		"top":               2,
		"quoted.key":        3,
		"player":            4,
		"player.args":       5,
		"player.mode":       11,
		"source[0].name":    13,
		"source[1]":         14,
		"source[1].name":    15,
		"source[1].a.b":     16,
		"source[1].a.b.c":   16, // inside an inline table: the line of the key that holds it
		"ui.keys.copy-url":  18,
		"ui.keys":           17,
		"source[1].missing": 14,
		"ui":                0, // only written as part of [ui.keys]... and inside a string
	} {
		if got := l.line(path); got != want {
			t.Errorf("line(%q) = %d, want %d", path, got, want)
		}
	}
}

// Whatever the text, Parse returns a config or an error; it never panics.
func FuzzParse(f *testing.F) {
	f.Add(Template)
	f.Add("[[source]]\nxtream = \"http://h\"\nusername = \"u\"\npassword = \"p\"\n")
	f.Add("[ui.keys]\nplay = [\"enter\"]\n[epg]\nrefresh = \"2d\"\n")
	f.Add("a = [\n'''\n]\n'''\n]\n[[source.x]]\n[source.y]\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, _, err := Parse("c.toml", text, true)
		if (c == nil) == (err == nil) {
			t.Fatalf("config %v with error %v", c, err)
		}
	})
}
