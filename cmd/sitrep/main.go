// Command sitrep turns conflict news reports into a structured, checkable
// record. This package is the only place where the stages, readers, stores
// and servers are wired together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"sitrep"
	"sitrep/progress"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main holds the wiring shared by every subcommand; tests build one with
// their own streams and run it as the binary would.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal reports whether Stdout is a terminal (progress bars).
	IsTerminal bool
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	// A character device is not enough: /dev/null is one, and a bar drawn
	// there is lost while the summary lines are not printed.
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		IsTerminal: progress.IsTerminal(os.Stdout)}
}

// command is one subcommand. Each lives in a file of its own.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	return []command{
		{"extract", "extract the record of one document and print it", runExtract},
		{"ingest", "read, extract and store many documents; update the stories", runIngest},
		{"export", "export stored events, records or reviewed claims (ACLED CSV, GeoJSON, JSONL, ClaimReview)", runExport},
		{"bench", "measure the whole pipeline's speed and memory on a corpus", runBench},
		{"worker", "extract documents from a NATS queue into PostgreSQL (sitrep worker --help)", runWorker},
		{"reextract", "run the pipeline again over stored documents, replacing their records", runReextract},
		{"deadletter", "list or replay the documents the workers gave up on", runDeadletter},
		{"eval", "score a stage against a public corpus (sitrep eval --help)", runEval},
		{"train", "train a model from a public corpus (sitrep train --help)", runTrain},
		{"serve", "serve the API and the web UI on the store", runServe},
		{"token", "create, list or revoke API tokens", runToken},
		{"review", "set the status of a claim or a story as an analyst, or list the audit trail", runReview},
		{"version", "print the version of sitrep and of its record schema", runVersion},
	}
}

// errUsage marks a usage error already explained to the user.
var errUsage = errors.New("usage")

// Run runs the subcommand named by args[0] and returns the exit status:
// 0 on success, 2 for bad usage or bad input (EINVALID), 1 for any other
// failure.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			return m.Run(ctx, []string{args[1], "--help"})
		}
		m.usage(m.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return m.exit(c.run(ctx, m, args[1:]))
		}
	}
	fmt.Fprintf(m.Stderr, "sitrep: unknown command %q\n\n", args[0])
	m.usage(m.Stderr)
	return 2
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, "sitrep turns conflict news reports into a structured, checkable record.\n\nUsage: sitrep COMMAND [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'sitrep COMMAND --help' for a command's flags.\n")
}

// exit maps an error to an exit status and prints it: the one place where
// error codes become exit statuses.
func (m *Main) exit(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(m.Stderr, "sitrep: %s\n", strings.TrimSpace(err.Error()))
	if sitrep.ErrorCode(err) == sitrep.EINVALID {
		return 2
	}
	return 1
}

// newFlagSet returns a flag set whose errors and help go to m.Stderr and
// whose usage line names the command.
func (m *Main) newFlagSet(name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("sitrep "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: sitrep %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, allowing them after the positional arguments too
// ("sitrep extract FILE --published 2022-03-28"), and turns a parse error
// into errUsage (the flag package has already printed it).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseVerb parses flags as parse does and requires a first positional
// argument, the subcommand's verb ("token create NAME", "review list").
func parseVerb(fs *flag.FlagSet, args []string) (verb string, rest []string, err error) {
	pos, err := parse(fs, args)
	if err != nil {
		return "", nil, err
	}
	if len(pos) == 0 {
		fs.Usage()
		return "", nil, errUsage
	}
	return pos[0], pos[1:], nil
}

// parseOne parses flags as parse does and requires exactly one positional
// argument, printing the usage otherwise.
func parseOne(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", errUsage
	}
	return pos[0], nil
}
