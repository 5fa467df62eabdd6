package pos_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/cputime"
	"sitrep/pos"
	"sitrep/shared"
	"sitrep/text"
)

// tiny is a made-up corpus in CoNLL-2003's layout.
const tiny = `-DOCSTART- -X- -X- O

The DT B-NP O
minister NN I-NP O
said VBD B-VP O
that IN B-SBAR O
talks NNS B-NP O
failed VBD B-VP O
. . O O

She PRP B-NP O
told VBD B-VP O
reporters NNS B-NP O
the DT B-NP O
plan NN I-NP O
had VBD B-VP O
stalled VBN I-VP O
. . O O
`

func TestTrainTiny(t *testing.T) {
	sents, err := pos.ReadCoNLL("tiny", strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("read %d sentences, want 2", len(sents))
	}
	opt := pos.TrainOptions{Epochs: 10, Seed: 3}
	m, err := pos.Train(sents, opt)
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Evaluate(sents); s.POS != 100 || s.Chunk < 90 || s.Tokens != 15 {
		t.Errorf("on its own training data: %+v, want all parts of speech and most chunks right", s)
	}
	// Retraining gives the same bytes, and they load back to the same tagger.
	var a, b bytes.Buffer
	if err := m.Encode(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := pos.Train(sents, opt)
	if err != nil {
		t.Fatal(err)
	}
	m2.Encode(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same options differ")
	}
	m3, err := pos.Load("a", bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	m3.Encode(&c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("encode(load(encode(m))) differs from encode(m)")
	}
}

func TestLoadBad(t *testing.T) {
	var good bytes.Buffer
	m, err := pos.Default()
	if err != nil {
		t.Fatal(err)
	}
	m.Encode(&good)
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good.Bytes()[:good.Len()/2],
	} {
		if _, err := pos.Load(name, bytes.NewReader(data)); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%s: err %v, want EINVALID", name, err)
		}
	}
	if _, err := pos.ReadCoNLL("x", strings.NewReader("word NN\n")); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("two columns: err %v, want EINVALID", err)
	}
}

// TestEmbedded checks the shipped model on sentences written for the test,
// tokenized by sitrep (curly quotes, "’s", "n’t").
func TestEmbedded(t *testing.T) {
	m, err := pos.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, want string }{
		{"The minister said on Tuesday that the talks had failed.",
			"The/DT/B-NP minister/NN/I-NP said/VBD/B-VP on/IN/B-PP Tuesday/NNP/B-NP that/IN/B-SBAR the/DT/B-NP talks/NNS/I-NP had/VBD/B-VP failed/VBN/I-VP ././O"},
		{"“We won’t leave,” the mayor’s spokesman told reporters.",
			"“/\"/O We/PRP/B-NP wo/MD/B-VP n’t/RB/I-VP leave/VB/I-VP ,/,/O ”/\"/O the/DT/B-NP mayor/NN/I-NP ’s/POS/B-NP spokesman/NN/I-NP told/VBD/B-VP reporters/NNS/B-NP ././O"},
	}
	var b pos.Buffer
	for _, c := range cases {
		d := sitrep.NewDoc(sitrep.Document{}, c.text)
		text.Segmenter{}.Annotate(d)
		var words []string
		for i := range d.Tokens {
			words = append(words, d.TokenText(i))
		}
		p, ch := m.Tag(words, &b)
		var got []string
		for i, w := range words {
			got = append(got, w+"/"+m.POSNames()[p[i]]+"/"+m.ChunkNames()[ch[i]])
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.text, g, c.want)
		}
	}
}

// BenchmarkTag tags PolNeAR's dev articles when ../shared/data holds them
// (a small text keeps the whole model in cache and flatters the tagger),
// else a news report, sentence by sentence.
func BenchmarkTag(b *testing.B) { benchTag(b, false) }

// BenchmarkTagPOS tags the parts of speech alone, as the attrib stage does.
func BenchmarkTagPOS(b *testing.B) { benchTag(b, true) }

func benchTag(b *testing.B, posOnly bool) {
	files, _ := filepath.Glob(filepath.Join(shared.Path("data", "polnear", "dev"), "text", "*.txt"))
	if len(files) == 0 {
		files = []string{"../ner/testdata/report.txt"}
	}
	var sents [][]string
	tokens := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d := sitrep.NewDoc(sitrep.Document{}, string(raw))
		text.Segmenter{}.Annotate(d)
		for _, s := range d.Sentences {
			var ws []string
			for i := s.FirstTok; i < s.EndTok; i++ {
				ws = append(ws, d.TokenText(i))
			}
			sents = append(sents, ws)
		}
		tokens += len(d.Tokens)
	}
	m, err := pos.Default()
	if err != nil {
		b.Fatal(err)
	}
	var buf pos.Buffer
	start := cputime.Process()
	for b.Loop() {
		for _, s := range sents {
			if posOnly {
				m.TagPOS(s, &buf)
			} else {
				m.Tag(s, &buf)
			}
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/(cputime.Process()-start).Seconds(), "tokens/cpu-s")
}

// FuzzLoad feeds the model reader arbitrary bytes: it returns a tagger or
// an error, never panics.
func FuzzLoad(f *testing.F) {
	var good bytes.Buffer
	m, err := pos.Default()
	if err != nil {
		f.Fatal(err)
	}
	m.Encode(&good)
	f.Add(good.Bytes()[:200])
	f.Add([]byte("hello"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tg, err := pos.Load("fuzz", bytes.NewReader(data))
		if err == nil && tg == nil {
			t.Fatal("no tagger and no error")
		}
	})
}

// FuzzReadCoNLL feeds the training-file reader arbitrary text.
func FuzzReadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nKyiv NNP B-NP B-LOC\nfell VBD B-VP O\n. . O O\n")
	f.Add("word NN\n")
	f.Fuzz(func(t *testing.T, s string) {
		pos.ReadCoNLL("fuzz", strings.NewReader(s))
	})
}
