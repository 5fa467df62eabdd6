package main

import (
	"testing"

	"sitrep/gazetteer"
)

func TestGazetteerPlaces(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := gazetteerPlaces{g}
	if pol, ok := p.IsPolitical("Kyiv"); !pol || !ok {
		t.Errorf("IsPolitical(Kyiv) = %v, %v; want a known political unit", pol, ok)
	}
	if cc, ok := p.CountryOf("Irpin"); cc != "UA" || !ok {
		t.Errorf("CountryOf(Irpin) = %q, %v; want UA", cc, ok)
	}
	if cc, ok := p.CountryOf("Belgorod"); cc != "RU" || !ok {
		t.Errorf("CountryOf(Belgorod) = %q, %v; want RU", cc, ok)
	}
	if _, ok := p.IsPolitical("Qwxzzyv"); ok {
		t.Error("IsPolitical(Qwxzzyv) is known")
	}
}
