package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// paramError is a bad query parameter or body field, named in Param.
type paramError struct {
	Param string
	Msg   string
	// Status overrides 400 (413 for a body too large).
	Status int
}

func (e *paramError) Error() string { return e.Param + ": " + e.Msg }

func (e *paramError) status() int {
	if e.Status != 0 {
		return e.Status
	}
	return http.StatusBadRequest
}

func badParam(name, format string, args ...any) error {
	return &paramError{Param: name, Msg: fmt.Sprintf(format, args...)}
}

// query reads a request's query parameters, keeping the first error.
type query struct {
	v   url.Values
	err error
}

// newQuery checks that r names only the allowed parameters, each once.
func newQuery(r *http.Request, allowed ...string) *query {
	q := &query{v: r.URL.Query()}
	keys := make([]string, 0, len(q.v))
	for k := range q.v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			q.fail(badParam(k, "unknown query parameter (this endpoint takes %s)", strings.Join(allowed, ", ")))
			break
		}
		if len(q.v[k]) > 1 {
			q.fail(badParam(k, "given %d times; give it once", len(q.v[k])))
			break
		}
	}
	return q
}

func (q *query) fail(err error) {
	if q.err == nil {
		q.err = err
	}
}

// str returns a text parameter, bounded in length.
func (q *query) str(name string) string {
	v := strings.TrimSpace(q.v.Get(name))
	if len(v) > 500 {
		q.fail(badParam(name, "longer than 500 bytes"))
		return ""
	}
	return v
}

// oneOf returns a parameter that must be one of the allowed values.
func (q *query) oneOf(name string, allowed []string) string {
	v := q.str(name)
	if v != "" && !slices.Contains(allowed, v) {
		q.fail(badParam(name, "%q is not one of %s", v, strings.Join(allowed, ", ")))
		return ""
	}
	return v
}

func (q *query) boolean(name string) bool {
	v := q.str(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		q.fail(badParam(name, "%q is not true or false", v))
	}
	return b
}

// limit returns the page size: def when absent, 1..max when given.
func (q *query) limit(def, max int) int {
	v := q.str("limit")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		q.fail(badParam("limit", "%q is not a whole number", v))
	case n < 1:
		q.fail(badParam("limit", "%d is below 1", n))
	case n > max:
		q.fail(badParam("limit", "%d is above the largest page size, %d", n, max))
	default:
		return n
	}
	return def
}

func (q *query) integer(name string, lo, hi int) int {
	v := q.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		q.fail(badParam(name, "%q is not a whole number from %d to %d", v, lo, hi))
		return 0
	}
	return n
}

// dateRange returns from and to as ISO dates, checking their order.
func (q *query) dateRange() (from, to string) {
	from, to = q.date("from"), q.date("to")
	if from != "" && to != "" && from > to {
		q.fail(badParam("from", "the date range runs backwards: from %s is after to %s", from, to))
	}
	return from, to
}

func (q *query) date(name string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		q.fail(badParam(name, "%q is not a date in the form YYYY-MM-DD", v))
		return ""
	}
	return v
}

// bbox reads bbox=minLon,minLat,maxLon,maxLat.
func (q *query) bbox() *[4]float64 {
	v := q.str("bbox")
	if v == "" {
		return nil
	}
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		q.fail(badParam("bbox", "%q: want minLon,minLat,maxLon,maxLat", v))
		return nil
	}
	var b [4]float64
	names := [4]string{"minLon", "minLat", "maxLon", "maxLat"}
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			q.fail(badParam("bbox", "%s %q is not a number", names[i], p))
			return nil
		}
		b[i] = f
	}
	for _, i := range []int{1, 3} {
		if b[i] < -90 || b[i] > 90 {
			q.fail(badParam("bbox", "latitude %s %g is outside -90..90", names[i], b[i]))
			return nil
		}
	}
	for _, i := range []int{0, 2} {
		if b[i] < -180 || b[i] > 180 {
			q.fail(badParam("bbox", "longitude %s %g is outside -180..180", names[i], b[i]))
			return nil
		}
	}
	if b[1] > b[3] {
		q.fail(badParam("bbox", "minLat %g is above maxLat %g", b[1], b[3]))
		return nil
	}
	if b[0] > b[2] {
		q.fail(badParam("bbox", "minLon %g is east of maxLon %g (boxes across the antimeridian are not supported)", b[0], b[2]))
		return nil
	}
	return &b
}

// decodeJSON reads a JSON body into v strictly: one object, no unknown
// fields, nothing after it.
func decodeJSON(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return &paramError{Param: "Content-Type", Msg: fmt.Sprintf("%q: want application/json", ct), Status: http.StatusUnsupportedMediaType}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badParam("body", "unexpected data after the JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var mbe *http.MaxBytesError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &mbe):
		return &paramError{Param: "body", Msg: fmt.Sprintf("larger than %d bytes", mbe.Limit), Status: http.StatusRequestEntityTooLarge}
	case errors.Is(err, io.EOF):
		return badParam("body", "empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badParam("body", "malformed JSON: it ends too early")
	case errors.As(err, &se):
		return badParam("body", "malformed JSON at byte %d: %s", se.Offset, se.Error())
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return badParam(field, "want a JSON %s, got %s", te.Type.String(), te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if u, err := strconv.Unquote(name); err == nil {
			name = u
		}
		if name == "" {
			name = `""`
		}
		return badParam(name, "unknown field")
	}
	return badParam("body", "malformed JSON: %s", err.Error())
}

// page is the envelope of every list.
type page[T any] struct {
	Items []T `json:"items"`
	// Next is the cursor of the next page, "" after the last.
	Next string `json:"next"`
}

func newPage[T any](items []T, next string) page[T] {
	if items == nil {
		items = []T{}
	}
	return page[T]{Items: items, Next: next}
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// validStatus checks a review status.
func validStatus(name, v string) error {
	if !slices.Contains(sitrep.ReviewStatuses, v) {
		return badParam(name, "%q is not a status (want one of %s)", v, strings.Join(sitrep.ReviewStatuses, ", "))
	}
	return nil
}
