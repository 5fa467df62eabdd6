// Package dedup finds syndicated copies and near-duplicates of articles:
// MinHash signatures over word shingles, with locality-sensitive hashing
// bands so that a store finds the candidates for a new document by index
// look-ups rather than by comparing it with every stored one.
package dedup

import (
	"unicode"
	"unicode/utf8"
)

// Signature parameters. 32 bands of 4 rows make a pair of documents with
// Jaccard similarity 0.7 share a band with probability 0.9998, and a pair
// at 0.3 with probability 0.23; the signature comparison then sorts them.
const (
	Hashes    = 128
	Bands     = 32
	Rows      = Hashes / Bands
	Shingle   = 5 // words per shingle
	Threshold = 0.7
	// maxShingles bounds the work on a huge document; the first ones are
	// plenty to tell copies apart.
	maxShingles = 200_000
)

// seeds are fixed so that signatures stored by one run match the next.
var seeds = func() [Hashes]uint64 {
	var s [Hashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = splitmix(x)
		s[i] = x
	}
	return s
}()

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Sign returns the MinHash signature of text: for each of Hashes hash
// functions, the least hash of any shingle of Shingle lower-cased words.
// Text of fewer words is one shingle. Empty text has a signature of all
// ones, which nothing else has.
func Sign(text string) []uint64 {
	sig := make([]uint64, Hashes)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	// A ring of the last Shingle word hashes; each shingle's hash combines
	// them in order, so computing all shingles is linear in the text.
	var ring [Shingle]uint64
	n, count := 0, 0
	add := func(h uint64) {
		// One strong hash per shingle, then a cheap odd multiply and shift
		// per function: the functions differ enough for MinHash, and this is
		// the inner loop of every ingest.
		for i := range sig {
			v := (h ^ seeds[i]) * (seeds[i] | 1)
			v ^= v >> 32
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	shingle := func() uint64 {
		h := uint64(14695981039346656037)
		for k := range Shingle {
			h = (h ^ ring[(n+k)%Shingle]) * 1099511628211
			h = splitmix(h)
		}
		return h
	}
	var w uint64 = 14695981039346656037
	inWord := false
	flush := func() {
		if !inWord {
			return
		}
		inWord = false
		ring[n%Shingle] = w
		n++
		w = 14695981039346656037
		if n >= Shingle && count < maxShingles {
			add(shingle())
			count++
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			inWord = true
			r = unicode.ToLower(r)
			w = (w ^ uint64(r)) * 1099511628211
			continue
		}
		flush()
	}
	flush()
	if n > 0 && n < Shingle {
		h := uint64(n)
		for k := range n {
			h = splitmix(h ^ ring[k])
		}
		add(h)
	}
	return sig
}

// BandKeys returns the LSH band keys of a signature: one hash per band of
// Rows values, the band's index mixed in so that bands never collide with
// each other.
func BandKeys(sig []uint64) []uint64 {
	if len(sig) != Hashes {
		return nil
	}
	keys := make([]uint64, Bands)
	for b := range Bands {
		h := splitmix(uint64(b) + 1)
		for r := range Rows {
			h = splitmix(h ^ sig[b*Rows+r])
		}
		keys[b] = h
	}
	return keys
}

// Similarity estimates the Jaccard similarity of the shingle sets of two
// signatures: the share of positions where they agree.
func Similarity(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}
