package quant

import (
	"math"
	"strconv"
	"strings"
)

// MaxValue bounds a figure. No count in the news is near it; a longer run of
// digits is an identifier, a phone number or garbage, and a float64 past it
// can no longer hold every integer exactly.
const MaxValue = 1e15

// maxDigits bounds the digits ParseNumber looks at, so that a run of a
// million digits costs no more than a short one.
const maxDigits = 40

// ParseNumber parses a number as printed in English news: digits with comma
// thousands separators ("1,081"), a decimal point ("3.8"), or dots as
// thousands separators when there are two or more groups of three
// ("1.081.000"). It reports false for anything else: badly grouped
// separators ("1,0,0,0"), more than one decimal point, values above
// MaxValue, an empty string.
func ParseNumber(s string) (float64, bool) {
	if s == "" || len(s) > maxDigits+maxDigits/3 {
		return 0, false
	}
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == ',' || c == '.') {
			return 0, false
		}
	}
	if s[0] == ',' || s[0] == '.' || s[len(s)-1] == ',' || s[len(s)-1] == '.' {
		return 0, false
	}
	var digits string
	switch {
	case commas > 0 && dots > 1:
		return 0, false
	case commas > 0:
		// 1,081 or 1,081.5: the integer part must be grouped by threes.
		intPart, frac, _ := strings.Cut(s, ".")
		if !grouped(intPart, ',') {
			return 0, false
		}
		digits = strings.ReplaceAll(intPart, ",", "")
		if frac != "" {
			digits += "." + frac
		}
	case dots > 1:
		if !grouped(s, '.') {
			return 0, false
		}
		digits = strings.ReplaceAll(s, ".", "")
	default:
		digits = s
	}
	if len(digits) > maxDigits {
		return 0, false
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v > MaxValue {
		return 0, false
	}
	return v, true
}

// grouped reports whether s is digits in groups of three after a first
// group of one to three, separated by sep.
func grouped(s string, sep byte) bool {
	groups := strings.Split(s, string(sep))
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// units are the number words below a hundred.
var units = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
	"dozen": 12, "a dozen": 12,
}

// scales multiply the number before them.
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "dozen": 12,
}

// vague are plural magnitudes ("hundreds of"): the smallest reading and the
// largest one before the next magnitude.
var vague = map[string]float64{
	"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
	"billions": 1e9, "tens": 10,
}

// WordValue returns the value of one number word ("seven", "twenty-five",
// "ninety"), or false.
func WordValue(w string) (float64, bool) {
	if v, ok := units[w]; ok {
		return v, true
	}
	// twenty-five, forty-one
	if a, b, ok := strings.Cut(w, "-"); ok {
		t, ok1 := units[a]
		u, ok2 := units[b]
		if ok1 && ok2 && t >= 20 && int(t)%10 == 0 && u >= 1 && u <= 9 {
			return t + u, true
		}
	}
	return 0, false
}
