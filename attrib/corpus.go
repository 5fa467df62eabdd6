package attrib

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"sitrep"
)

// Article is one article of a brat attribution corpus with every
// annotator's relations.
type Article struct {
	Name string
	Text string
	// Files are the annotators' .ann files, by annotator ID.
	Files []AnnFile
}

// AnnFile is one annotator's relations over an article.
type AnnFile struct {
	Annotator string
	Path      string
	Relations []Relation
}

// maxArticleBytes bounds one article of a corpus.
const maxArticleBytes = 4 << 20

// ReadCorpus reads a PolNeAR-style directory: text/NAME.txt and
// attributions/NAME_ANNOTATOR.ann (or NAME.ann). Articles are sorted by
// name; an article without any .ann file is skipped. The text is used as
// it is, not normalized, because the offsets of the .ann files count code
// points of the file as it stands.
func ReadCorpus(dir string) ([]Article, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %s", dir, err)
	}
	if len(texts) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: no text/*.txt files: want a PolNeAR-style directory with text/ and attributions/", dir)
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	byBase := map[string][]string{}
	for _, a := range anns {
		b := strings.TrimSuffix(filepath.Base(a), ".ann")
		byBase[b] = append(byBase[b], a)
		if i := strings.LastIndexByte(b, '_'); i > 0 {
			byBase[b[:i]] = append(byBase[b[:i]], a)
		}
	}
	sort.Strings(texts)
	var out []Article
	for _, t := range texts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		files := byBase[name]
		if len(files) == 0 {
			continue
		}
		raw, err := readBounded(t)
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(raw) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: not valid UTF-8", t)
		}
		a := Article{Name: name, Text: string(raw)}
		n := utf8.RuneCount(raw)
		sort.Strings(files)
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				return nil, sitrep.Errorf(sitrep.ENOTFOUND, "%s: %s", f, err)
			}
			rels, err := ReadAnn(f, fh, n)
			fh.Close()
			if err != nil {
				return nil, err
			}
			ann := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(f), ".ann"), name)
			a.Files = append(a.Files, AnnFile{Annotator: strings.TrimPrefix(ann, "_"), Path: f, Relations: rels})
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: no article has an attributions/*.ann file", dir)
	}
	return out, nil
}

func readBounded(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "%s: %s", path, err)
	}
	if fi.Size() > maxArticleBytes {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: %d bytes, more than the %d an article may have", path, fi.Size(), maxArticleBytes)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "%s: %s", path, err)
	}
	return b, nil
}
