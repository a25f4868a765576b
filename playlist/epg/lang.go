package epg

import (
	"os"
	"strings"
)

// A programme with titles in several languages stores them as one string:
// each title is titleSep, its lang attribute, langSep, its text. A single
// title is stored as plain text, as it always was.
const (
	titleSep = "\x1e"
	langSep  = "\x1f"
)

// maxTitles caps the languages one programme keeps.
const maxTitles = 8

// Title is a programme's title in one language.
type Title struct {
	Lang string // the guide's lang attribute ("fr", "en-GB"); "" when none
	Text string
}

// splitTitles reads a stored title: the plain text, or the list of a
// programme with several.
func splitTitles(s string) []Title {
	if !strings.HasPrefix(s, titleSep) {
		return nil
	}
	var out []Title
	for item := range strings.SplitSeq(s[len(titleSep):], titleSep) {
		lang, text, _ := strings.Cut(item, langSep)
		out = append(out, Title{Lang: lang, Text: text})
	}
	return out
}

// pickTitle returns the title in lang, matched on the primary language
// ("en" takes "en-GB"), else the first.
func pickTitle(ts []Title, lang string) string {
	if len(ts) == 0 {
		return ""
	}
	if lang != "" {
		for _, t := range ts {
			if strings.EqualFold(primaryLanguage(t.Lang), lang) {
				return t.Text
			}
		}
	}
	return ts[0].Text
}

// primaryLanguage returns "pt" for "pt_BR.UTF-8", "pt-BR" or "pt"; "" for
// the C and POSIX locales, which name no language.
func primaryLanguage(s string) string {
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	if s == "C" || s == "POSIX" {
		return ""
	}
	return strings.ToLower(s)
}

// userLanguage is the language of the person's locale, as POSIX orders the
// variables: LC_ALL, then LC_MESSAGES, then LANG. LANGUAGE, GNU's list of
// fallbacks, is read only for its first entry when set.
func userLanguage() string {
	if l := os.Getenv("LANGUAGE"); l != "" {
		if first, _, _ := strings.Cut(l, ":"); primaryLanguage(first) != "" {
			return primaryLanguage(first)
		}
	}
	for _, v := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return primaryLanguage(l)
		}
	}
	return ""
}

// TitleIn returns the programme's title in lang ("de", or a locale such as
// "de_DE.UTF-8"), else its first title.
func (p *Programme) TitleIn(lang string) string {
	if len(p.Titles) == 0 {
		return p.Title
	}
	return pickTitle(p.Titles, primaryLanguage(lang))
}
