// Command ner measures sitrep's named-entity stage side by side with
// github.com/jdkato/prose/v2's NER, a peer written in Go, on the same text
// in one run, and prints both speeds and their ratio. It lives in its own
// module so that prose never becomes a dependency of sitrep.
//
//	cd bench/ner && go run . [-repeat N] [FILE]
//
// FILE defaults to ../../ner/testdata/report.txt, repeated 40 times into
// one document. Both sides go from text
// to entities: sitrep segments and tags, prose tokenizes, tags parts of
// speech and chunks entities. Tokens are counted once, with sitrep's
// tokenizer, for both.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"sitrep"
	"sitrep/ner"
	"sitrep/text"
)

func main() {
	repeat := flag.Int("repeat", 40, "repeat the text this many times, as paragraphs of one document")
	flag.Parse()
	path := "../../ner/testdata/report.txt"
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/ner:", err)
		os.Exit(1)
	}
	// prose loads its models for every document (NewDocument has no way to
	// share them), which dominates on a short text; a long document gives
	// it its best case.
	src := strings.Repeat(strings.TrimSpace(string(b))+"\n\n", *repeat)
	stage, err := ner.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/ner:", err)
		os.Exit(1)
	}
	tokens := countTokens(src)
	run := func(name string, f func()) float64 {
		f() // warm up: load models
		start := cpuTime()
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				f()
			}
		})
		cpu := cpuTime() - start
		wall := float64(tokens) * float64(r.N) / r.T.Seconds()
		perCPU := wall
		if cpu > 0 {
			perCPU = float64(tokens) * float64(r.N) / cpu.Seconds()
		}
		fmt.Printf("%-14s %8d runs  %10.0f tokens/s (wall)  %10.0f tokens/cpu-s\n", name, r.N, wall, perCPU)
		return perCPU
	}
	fmt.Printf("%s ×%d: %d tokens\n", path, *repeat, tokens)
	s := run("sitrep ner", func() {
		d := sitrep.NewDoc(sitrep.Document{}, src)
		text.Segmenter{}.Annotate(d)
		if err := stage.Annotate(d); err != nil {
			panic(err)
		}
	})
	p := run("prose v2 NER", func() {
		doc, err := prose.NewDocument(src)
		if err != nil {
			panic(err)
		}
		_ = doc.Entities()
	})
	fmt.Printf("ratio sitrep/prose: %.1fx\n", s/p)
}

func countTokens(src string) int {
	d := sitrep.NewDoc(sitrep.Document{}, src)
	text.Tokenize(d)
	return len(d.Tokens)
}
