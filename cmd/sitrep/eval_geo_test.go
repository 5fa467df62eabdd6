package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evalGeoSample = `<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Shelling hit Irpin, near Kyiv, and Kharkov.]]></text>
<toponyms><toponym><start>13</start><end>18</end><phrase>Irpin</phrase><gaztag geonameid="707565"><lat>50.52175</lat><lon>30.25055</lon></gaztag></toponym>
<toponym><start>25</start><end>29</end><phrase>Kyiv</phrase><gaztag geonameid="703448"><lat>50.45466</lat><lon>30.5238</lon></gaztag></toponym>
<toponym><start>35</start><end>42</end><phrase>Kharkov</phrase><gaztag geonameid="706483"><lat>49.98</lat><lon>36.25</lon></gaztag></toponym></toponyms></article></articles>`

func TestEvalGeoJSON(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "sample.xml")
	if err := os.WriteFile(in, []byte(evalGeoSample), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runStatus(t, "eval", "geo", "--json", "--out", filepath.Join(dir, "pred"), in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"recognition", "acc161", "median_km", "mean_km", "geonames_id_accuracy", "end_to_end_acc161"} {
		if _, ok := got[k]; !ok {
			t.Errorf("--json lacks %q: %s", k, out)
		}
	}
	if got["acc161"].(float64) != 100 {
		t.Errorf("acc161 = %v, want 100", got["acc161"])
	}
	if _, err := os.Stat(filepath.Join(dir, "pred", "sample.json")); err != nil {
		t.Errorf("--out wrote no predictions: %v", err)
	}
}

func TestEvalGeoMalformed(t *testing.T) {
	in := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(in, []byte("<articles><article><text>Kyiv"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runStatus(t, "eval", "geo", in)
	if code != 2 || !strings.Contains(errs, "bad.xml") || !strings.Contains(errs, "malformed XML") {
		t.Errorf("exit %d, stderr %q; want 2 and a message naming the file", code, errs)
	}
}
