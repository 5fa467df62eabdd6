package main

import (
	"sitrep/gazetteer"
	"sitrep/ner"
)

// gazetteerPlaces adapts the gazetteer to what the ner stage asks about
// places: GPE or LOC, and the country, from the most trusted and most
// populous place a name may refer to.
type gazetteerPlaces struct{ g *gazetteer.Gazetteer }

var _ ner.Places = gazetteerPlaces{}

func (p gazetteerPlaces) best(name string) (*gazetteer.Place, bool) {
	for _, c := range p.g.LookupName(name) {
		if c.Source == gazetteer.SourceAcronym {
			continue // codes such as "UK" match only all-caps text; the tagger decided that
		}
		return &p.g.Places[c.Place], true
	}
	return nil, false
}

func (p gazetteerPlaces) IsPolitical(name string) (political, ok bool) {
	pl, ok := p.best(name)
	if !ok {
		return false, false
	}
	switch pl.Kind {
	case gazetteer.KindCity, gazetteer.KindAdmin1, gazetteer.KindAdmin2, gazetteer.KindCountry:
		return true, true
	}
	return false, true
}

func (p gazetteerPlaces) CountryOf(name string) (string, bool) {
	pl, ok := p.best(name)
	if !ok || pl.Country == "" {
		return "", false
	}
	return pl.Country, true
}
