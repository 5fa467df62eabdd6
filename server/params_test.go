package server

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestBBox(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want string
	}{
		{"30,40,31,50", true, ""},
		{"-180,-90,180,90", true, ""},
		{"30,40,31,200", false, "latitude maxLat 200"},
		{"30,-91,31,50", false, "latitude minLat -91"},
		{"200,40,31,50", false, "longitude minLon 200"},
		{"31,40,30,50", false, "east of maxLon"},
		{"30,50,31,40", false, "above maxLat"},
		{"30,40,31", false, "want minLon,minLat,maxLon,maxLat"},
		{"30,40,31,NaN", false, "not a number"},
		{"30,40,31,Inf", false, "not a number"},
	}
	for _, tt := range tests {
		q := newQuery(httptest.NewRequest("GET", "/?bbox="+url.QueryEscape(tt.in), nil), "bbox")
		b := q.bbox()
		if tt.ok != (q.err == nil && b != nil) {
			t.Errorf("bbox(%q) = %v, %v; want ok %v", tt.in, b, q.err, tt.ok)
		}
		if !tt.ok && (q.err == nil || !strings.Contains(q.err.Error(), tt.want)) {
			t.Errorf("bbox(%q) error = %v, want it to say %q", tt.in, q.err, tt.want)
		}
	}
}

// FuzzQuery checks that no query string makes the parameter readers panic,
// and that what they accept is within bounds.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"bbox=30,40,31,50", "bbox=1e400,0,0,0", "from=2022-03-01&to=2022-02-01",
		"limit=99999999999999999999", "limit=-1", "bbox=,,,", "from=2022-13-45", "limit=1&limit=2", "%zz", "bbox=-0,-0,0,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = raw
		q := newQuery(r, "bbox", "from", "to", "limit", "status")
		b := q.bbox()
		from, to := q.dateRange()
		n := q.limit(100, 10000)
		q.oneOf("status", []string{"a"})
		if q.err != nil {
			return
		}
		if b != nil && (b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180 || b[0] > b[2] || b[1] > b[3]) {
			t.Errorf("bbox %v accepted from %q", *b, raw)
		}
		if from != "" && to != "" && from > to {
			t.Errorf("backwards range %s..%s accepted from %q", from, to, raw)
		}
		if n < 1 || n > 10000 {
			t.Errorf("limit %d accepted from %q", n, raw)
		}
	})
}

// FuzzDecodeJSON checks that no body makes the strict JSON reader panic and
// that every refusal names a parameter.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"status":"false"}`, `{"status":`, `{"x":1}`, `[]`, `{"status":1}`, `{} {}`, ``, `{"note":"\ud800"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		var b reviewBody
		err := decodeJSON(r, &b)
		if err == nil {
			err = b.check()
		}
		if err == nil {
			return
		}
		pe, ok := err.(*paramError)
		if !ok || pe.Param == "" || pe.Msg == "" {
			t.Errorf("decodeJSON(%q) = %#v, want a paramError naming the field", body, err)
		}
	})
}
