package tui

import (
	"fmt"

	"github.com/tuner-iptv/tuner/playlist"
)

// unicodeList is a long list mixing scripts, widths and emoji, the way real
// international playlists do.
func unicodeList() *playlist.Playlist {
	names := []struct{ name, group string }{
		{"NHK 総合 東京", "日本 Japan"},
		{"NHK Eテレ", "日本 Japan"},
		{"日本テレビ 日テレ", "日本 Japan"},
		{"テレビ朝日 ✨ 超高画質バージョン 長い名前のチャンネル", "日本 Japan"},
		{"KBS 1TV 한국방송", "한국 Korea"},
		{"MBC 문화방송", "한국 Korea"},
		{"SBS 서울방송", "한국 Korea"},
		{"CCTV-1 综合", "中国 China"},
		{"湖南卫视", "中国 China"},
		{"鳳凰衛視中文台", "中国 China"},
		{"📺 Retro TV 🎞️", "Fun 🎉"},
		{"🎬 Movies 24/7 🍿", "Fun 🎉"},
		{"👨‍👩‍👧 Family Channel", "Fun 🎉"},
		{"🇫🇷 France 24", "Fun 🎉"},
		{"Télé Monte-Carlo", "Français"},
		{"Télévision Suisse Romande Éducation Culture Société", "Français"},
		{"Ça Déménage TV", "Français"},
		{"Canal+ Cinéma", "Français"},
		{"Zürich Fernsehen", "Deutsch"},
		{"Österreich 1", "Deutsch"},
		{"Straße TV", "Deutsch"},
		{"Первый канал", "Русский"},
		{"Россия 1", "Русский"},
		{"ΕΡΤ1 Ελληνική", "Ελληνικά"},
		{"الجزيرة Al Jazeera", "العربية"},
		{"Ｆｕｌｌ Ｗｉｄｔｈ ＴＶ", "Misc"},
		{"ﬁnal ligature channel", "Misc"},
		{"España Televisión Española", "Español"},
		{"Antena 3 España", "Español"},
		{"São Paulo TV", "Português"},
	}
	var chans []playlist.Channel
	for i := range 3 {
		for k, n := range names {
			name := n.name
			if i > 0 {
				name = fmt.Sprintf("%s %d", n.name, i+1)
			}
			no := fmt.Sprint(i*100 + k + 1)
			chans = append(chans, chn(name, n.group, no, fmt.Sprintf("ch%s.test", no)))
		}
	}
	return pl("world", chans...)
}
