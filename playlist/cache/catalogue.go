package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// A catalogue (a source's movies or its series, see playlist.Catalogues) is
// kept as a playlist is, in a file of its own kind: the playlist format
// holds every channel's text and is mapped as it is, and a section of fixed
// records beside it holds what only catalogue entries have, their kind and
// Item. A catalogue entry's Item.Title is its name, so the title is not
// stored twice; an Item's Series, SeriesID, Aired and Until are not kept,
// since no catalogue entry has them.
//
//	header      magic, version, sizes, checksums
//	playlist    the channels in the playlist format, with its own checksums
//	containers  the distinct containers, each a length byte and its bytes
//	items       one record per channel
const (
	catMagic      = "tuner catalogue\n"
	catVersion    = 1
	catHeaderSize = 64
	itemSize      = 16 // kind, container, year, seconds, rating, season, episode
	maxContainers = 255
	hasItem       = 0x80 // in the kind byte: the entry has an Item
)

// CataloguePath is the file that holds key's catalogue.
func (c *Cache) CataloguePath(key string) string {
	sum := sha256.Sum256([]byte("tuner catalogue\x00" + key))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:16])+".catalogue")
}

// SaveCatalogue writes key's catalogue atomically, as Save writes a
// playlist.
func (c *Cache) SaveCatalogue(key string, p *playlist.Playlist) error {
	var body bytes.Buffer
	if err := encode(&body, p, c.now()); err != nil {
		return err
	}
	conts, items, err := encodeItems(p.Channels.Slice())
	if err != nil {
		return err
	}
	head := catHeader(body.Len(), p.Channels.Len(), conts, items)
	return c.writeFile(c.CataloguePath(key), head, body.Bytes(), conts, items)
}

// encodeItems lays out each channel's kind and Item, and the containers
// they name.
func encodeItems(chs []playlist.Channel) (conts, items []byte, err error) {
	index := map[string]byte{"": 0}
	items = make([]byte, 0, len(chs)*itemSize)
	for i := range chs {
		ch := &chs[i]
		var it playlist.Item
		var kind byte // what the source said; Kind() reads the URL again
		if ch.Extra != nil {
			kind = byte(ch.Extra.Kind)
		}
		if x := ch.ItemInfo(); x != nil {
			it, kind = *x, kind|hasItem
		}
		ci, ok := index[it.Container]
		if !ok {
			if len(index) > maxContainers || len(it.Container) > math.MaxUint8 {
				return nil, nil, errors.New("cache: too many containers in a catalogue")
			}
			ci = byte(len(index))
			index[it.Container] = ci
			conts = append(append(conts, byte(len(it.Container))), it.Container...)
		}
		items = append(items, kind, ci)
		items = le.AppendUint16(items, it.Year)
		items = le.AppendUint32(items, uint32(it.Seconds))
		items = le.AppendUint32(items, math.Float32bits(it.Rating))
		items = le.AppendUint16(items, uint16(it.Season))
		items = le.AppendUint16(items, uint16(it.Episode))
	}
	return conts, items, nil
}

func catHeader(plen, n int, conts, items []byte) []byte {
	h := make([]byte, catHeaderSize)
	copy(h, catMagic)
	le.PutUint32(h[16:], catVersion)
	sum := crc32.Update(crc32.ChecksumIEEE(conts), crc32.IEEETable, items)
	le.PutUint32(h[20:], sum)
	le.PutUint64(h[24:], uint64(catHeaderSize+plen+len(conts)+len(items)))
	le.PutUint64(h[32:], uint64(plen))
	le.PutUint64(h[40:], uint64(n))
	le.PutUint32(h[48:], uint32(len(conts)))
	le.PutUint32(h[52:], catHeaderCRC(h))
	return h
}

// catHeaderCRC is the checksum of the header without its own field.
func catHeaderCRC(h []byte) uint32 {
	return crc32.Update(crc32.ChecksumIEEE(h[:52]), crc32.IEEETable, h[56:catHeaderSize])
}

// writeFile writes parts to a private temporary file and renames it over
// path, so a reader sees the old copy or the new one.
func (c *Cache) writeFile(path string, parts ...[]byte) error {
	if err := c.ensureDir(); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	for _, part := range parts {
		if err == nil {
			_, err = f.Write(part)
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// LoadCatalogue returns key's catalogue and its age; a missing, damaged or
// foreign copy is ErrMiss, as Load's are. Its text points into the mapped
// file, under the rules of the package comment.
func (c *Cache) LoadCatalogue(key string) (*playlist.Playlist, time.Duration, error) {
	return c.aged(c.loadCatalogue(c.CataloguePath(key)))
}

func (c *Cache) loadCatalogue(path string) (*playlist.Playlist, time.Time, error) {
	data, fresh, err := c.mapCatalogue(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	p, saved, err := decodeCatalogue(data, fresh != nil)
	if err != nil {
		if fresh != nil {
			unmap(data)
		}
		return nil, time.Time{}, err
	}
	if fresh != nil {
		c.mu.Lock()
		if c.mapped == nil {
			c.mapped = map[string]mapping{}
		}
		c.mapped[path] = mapping{fi: fresh, data: data}
		c.mu.Unlock()
	}
	return p, saved, nil
}

// mapCatalogue is mapFile for a catalogue: the mapping made before when the
// file is the same, else a new one, with fresh its file's info.
func (c *Cache) mapCatalogue(path string) (data []byte, fresh fs.FileInfo, err error) {
	f, err := openCopy(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, nil, err
	case !fi.Mode().IsRegular():
		return nil, nil, errNotRegular
	case fi.Size() > maxCopy:
		return nil, nil, errTooLarge
	case fi.Size() < catHeaderSize+headerSize:
		return nil, nil, errCorrupt
	}
	c.mu.Lock()
	m, ok := c.mapped[path]
	c.mu.Unlock()
	if ok && os.SameFile(m.fi, fi) && m.fi.Size() == fi.Size() && m.fi.ModTime().Equal(fi.ModTime()) {
		return m.data, nil, nil
	}
	data, err = mapFile(f, int(fi.Size()))
	if err != nil {
		return nil, nil, err
	}
	return data, fi, nil
}

// decodeCatalogue builds the catalogue data holds, verifying every
// checksum when verify is set (a mapping not seen before).
func decodeCatalogue(data []byte, verify bool) (*playlist.Playlist, time.Time, error) {
	body, conts, items, err := catSections(data)
	if err != nil {
		return nil, time.Time{}, err
	}
	if verify {
		sum := crc32.Update(crc32.ChecksumIEEE(conts), crc32.IEEETable, items)
		if sum != le.Uint32(data[20:]) || checkBody(body) != nil {
			return nil, time.Time{}, errCorrupt
		}
	}
	p, saved, err := decode(body)
	if err != nil {
		return nil, time.Time{}, err
	}
	names, err := containerNames(conts)
	if err != nil || len(items) != p.Channels.Len()*itemSize {
		return nil, time.Time{}, errCorrupt
	}
	chs := p.Channels.Slice()
	if err := attachItems(chs, items, names); err != nil {
		return nil, time.Time{}, err
	}
	p.Channels = playlist.List(chs)
	return p, saved, nil
}

// catSections checks the header and cuts the file into its sections.
func catSections(data []byte) (body, conts, items []byte, err error) {
	if len(data) < catHeaderSize || !bytes.HasPrefix(data, []byte(catMagic)) {
		return nil, nil, nil, errCorrupt
	}
	if le.Uint32(data[16:]) != catVersion {
		return nil, nil, nil, errVersion
	}
	if le.Uint32(data[52:]) != catHeaderCRC(data) || le.Uint64(data[24:]) != uint64(len(data)) {
		return nil, nil, nil, errCorrupt
	}
	size := uint64(len(data)) - catHeaderSize
	plen, n, clen := le.Uint64(data[32:]), le.Uint64(data[40:]), uint64(le.Uint32(data[48:]))
	if plen > size || clen > size-plen || n > (size-plen-clen)/itemSize || plen+clen+n*itemSize != size {
		return nil, nil, nil, errCorrupt
	}
	rest := data[catHeaderSize:]
	return rest[:plen], rest[plen : plen+clen], rest[plen+clen:], nil
}

func containerNames(conts []byte) ([]string, error) {
	names := []string{""}
	for len(conts) > 0 {
		n := int(conts[0])
		if n+1 > len(conts) {
			return nil, errCorrupt
		}
		names = append(names, string(conts[1:1+n]))
		conts = conts[1+n:]
	}
	return names, nil
}

// attachItems gives every channel its kind and Item. The playlist format
// shares an Extra between channels whose Extras were one; each catalogue
// entry gets its own, as it had.
func attachItems(chs []playlist.Channel, items []byte, names []string) error {
	its := make([]playlist.Item, len(chs))
	var spare []playlist.Extra
	for i := range chs {
		b := items[i*itemSize : (i+1)*itemSize]
		ci := int(b[1])
		if ci >= len(names) {
			return errCorrupt
		}
		if b[0]&hasItem == 0 {
			if chs[i].Extra != nil && b[0] != 0 {
				chs[i].Extra.Kind = playlist.Kind(b[0])
			}
			continue
		}
		its[i] = playlist.Item{
			Title: chs[i].Name, Container: names[ci], Year: le.Uint16(b[2:]),
			Seconds: int32(le.Uint32(b[4:])), Rating: math.Float32frombits(le.Uint32(b[8:])),
			Season: int16(le.Uint16(b[12:])), Episode: int16(le.Uint16(b[14:])),
		}
		ex := chs[i].Extra
		if ex == nil || ex.Item != nil {
			if len(spare) == 0 {
				spare = make([]playlist.Extra, min(len(chs)-i, 1024))
			}
			if ex != nil {
				spare[0] = *ex
			}
			ex, spare = &spare[0], spare[1:]
			chs[i].Extra = ex
		}
		ex.Kind, ex.Item = playlist.Kind(b[0]&^hasItem), &its[i]
	}
	return nil
}
