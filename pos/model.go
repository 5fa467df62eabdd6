package pos

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"strings"

	"sitrep"
)

// magic opens a model file (after gunzip); the digit is the format.
const magic = "sitrep-pos 1\n"

// Encode writes the tagger: gzip of the magic line, the tag names, the
// dictionary (word hash and tag, by hash) and the two models (each feature
// by hash: its key, its count of classes, then class and int16 weight).
// The same tagger always gives the same bytes.
func (t *Tagger) Encode(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	le := binary.LittleEndian
	u32 := func(v uint32) { bw.Write(le.AppendUint32(nil, v)) }
	for _, names := range [][]string{t.posNames, t.chunkNames} {
		bw.WriteString(strings.Join(names, " ") + "\n")
	}
	keys := make([]uint32, 0, len(t.dict))
	for h := range t.dict {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	u32(uint32(len(keys)))
	for _, h := range keys {
		u32(h)
		bw.WriteByte(t.dict[h])
	}
	for _, m := range []*model{&t.posM, &t.chunkM} {
		var used []*slot
		for i := range m.slots {
			if m.slots[i].key != 0 {
				used = append(used, &m.slots[i])
			}
		}
		slices.SortFunc(used, func(a, b *slot) int { return int(int64(a.key) - int64(b.key)) })
		u32(uint32(len(used)))
		for _, s := range used {
			u32(s.key)
			bw.WriteByte(s.n)
			for _, e := range m.row(s) {
				bw.WriteByte(e.class)
				bw.Write(le.AppendUint16(nil, uint16(e.w)))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a tagger Encode wrote; a malformed file is an EINVALID error
// naming it.
func Load(name string, r io.Reader) (*Tagger, error) {
	t, err := load(r)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: not a part-of-speech model (%s); rebuild it with \"sitrep train pos\"", name, err)
	}
	return t, nil
}

func load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	line, err := br.ReadString('\n')
	if err != nil || line != magic {
		return nil, errors.New("bad header")
	}
	t := &Tagger{}
	for _, names := range []*[]string{&t.posNames, &t.chunkNames} {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, err
		}
		*names = strings.Fields(line)
		if len(*names) == 0 || len(*names) > 250 {
			return nil, errors.New("bad tag set")
		}
	}
	t.setFollows()
	var b4 [4]byte
	u32 := func() (uint32, error) {
		_, err := io.ReadFull(br, b4[:])
		return binary.LittleEndian.Uint32(b4[:]), err
	}
	n, err := u32()
	if err != nil || n > 1<<22 {
		return nil, errors.New("bad dictionary")
	}
	// Sized by what was read, not by what the header claims.
	t.dict = make(map[uint32]uint8, min(n, 1<<12))
	for range n {
		h, err := u32()
		if err != nil {
			return nil, err
		}
		tag, err := br.ReadByte()
		if err != nil {
			return nil, err
		}
		if int(tag) >= len(t.posNames) {
			return nil, errors.New("dictionary tag out of range")
		}
		t.dict[h] = tag
	}
	for k, m := range []*model{&t.posM, &t.chunkM} {
		m.nClasses = len(t.posNames)
		if k == 1 {
			m.nClasses = len(t.chunkNames)
		}
		n, err := u32()
		if err != nil || n > 1<<24 {
			return nil, errors.New("bad feature count")
		}
		if n > 1<<20 {
			return nil, errors.New("too many features")
		}
		keys := make([]uint32, n)
		rows := make([][]ent, n)
		var rec [3]byte
		for i := range keys {
			if keys[i], err = u32(); err != nil {
				return nil, err
			}
			if keys[i] == 0 {
				return nil, errors.New("feature hash 0")
			}
			c, err := br.ReadByte()
			if err != nil {
				return nil, err
			}
			row := make([]ent, c)
			for j := range row {
				if _, err := io.ReadFull(br, rec[:]); err != nil {
					return nil, err
				}
				if int(rec[0]) >= m.nClasses {
					return nil, errors.New("class out of range")
				}
				row[j] = ent{rec[0], int16(binary.LittleEndian.Uint16(rec[1:]))}
			}
			rows[i] = row
		}
		m.build(keys, rows)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return t, nil
}

// row returns the weights of a slot.
func (m *model) row(s *slot) []ent {
	if s.n > inline {
		var r []ent
		for k, w := range m.dense[s.off : s.off+uint32(m.nClasses)] {
			if w != 0 {
				r = append(r, ent{uint8(k), w})
			}
		}
		return r
	}
	r := make([]ent, s.n)
	for k := range r {
		r[k] = ent{s.cls[k], s.w[k]}
	}
	return r
}
