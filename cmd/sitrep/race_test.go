//go:build race

package main

// raceEnabled scales the worker tests down under the race detector, which
// makes every worker process several times slower.
const raceEnabled = true
