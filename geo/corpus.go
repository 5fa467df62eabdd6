package geo

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitrep"
)

// GoldToponym is one annotated toponym of an evaluation article. Start and
// End are code-point offsets into the article's text.
type GoldToponym struct {
	Start, End int
	Phrase     string
	// HasCoord is false for toponyms the corpus leaves without a point.
	HasCoord  bool
	Lat, Lon  float64
	GeoNameID int
}

// Article is one document of an LGL or GeoVirus file.
type Article struct {
	ID       string
	Text     string
	Toponyms []GoldToponym
}

// maxCorpusArticles bounds a corpus file.
const maxCorpusArticles = 1_000_000

// ReadCorpus reads the XML of LGL (<article><text/><toponyms><toponym>
// with <gaztag>) or GeoVirus (<article><text/><locations><location>)
// from r. name labels the input in errors. Offsets that do not match the
// phrase they claim are an error: a scorer on shifted spans scores nothing.
func ReadCorpus(name string, r io.Reader) ([]Article, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	var out []Article
	seenRoot := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: line %d: malformed XML: %s", name, line, xmlMessage(err))
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !seenRoot {
			seenRoot = true
			if se.Name.Local != "articles" {
				return nil, sitrep.Errorf(sitrep.EINVALID, "%s: root element <%s>, want <articles> (LGL or GeoVirus XML)", name, se.Name.Local)
			}
			continue
		}
		if se.Name.Local != "article" {
			continue
		}
		line, _ := dec.InputPos()
		var a xmlArticle
		if err := dec.DecodeElement(&a, &se); err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: article at line %d: malformed XML: %s", name, line, xmlMessage(err))
		}
		art, err := a.article(len(out))
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: article at line %d: %s", name, line, err)
		}
		out = append(out, art)
		if len(out) > maxCorpusArticles {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: more than %d articles", name, maxCorpusArticles)
		}
	}
	if !seenRoot {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: no XML element (want LGL or GeoVirus XML)", name)
	}
	return out, nil
}

func xmlMessage(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

type xmlArticle struct {
	DocID    string `xml:"docid,attr"`
	Source   string `xml:"source"`
	Text     string `xml:"text"`
	Toponyms []struct {
		Start  string `xml:"start"`
		End    string `xml:"end"`
		Phrase string `xml:"phrase"`
		Gaztag *struct {
			ID  string `xml:"geonameid,attr"`
			Lat string `xml:"lat"`
			Lon string `xml:"lon"`
		} `xml:"gaztag"`
	} `xml:"toponyms>toponym"`
	Locations []struct {
		Name  string `xml:"name"`
		Start string `xml:"start"`
		End   string `xml:"end"`
		Lat   string `xml:"lat"`
		Lon   string `xml:"lon"`
	} `xml:"locations>location"`
}

func (a *xmlArticle) article(n int) (Article, error) {
	art := Article{ID: a.DocID, Text: a.Text}
	if art.ID == "" {
		art.ID = strconv.Itoa(n + 1)
	}
	runes := []rune(a.Text)
	add := func(i int, start, end, phrase, lat, lon, id string, shift int) error {
		s, err1 := strconv.Atoi(strings.TrimSpace(start))
		e, err2 := strconv.Atoi(strings.TrimSpace(end))
		// GeoVirus counts from one: its spans sit one code point to the
		// right of their phrase.
		if shift != 0 && err1 == nil && err2 == nil && s-shift >= 0 && e-shift <= len(runes) && e > s && string(runes[s-shift:e-shift]) == phrase {
			s, e = s-shift, e-shift
		}
		if err1 != nil || err2 != nil || s < 0 || e <= s || e > len(runes) {
			return errors.New("toponym " + strconv.Itoa(i+1) + ": bad offsets " + strconv.Quote(start) + ".." + strconv.Quote(end))
		}
		t := GoldToponym{Start: s, End: e, Phrase: phrase}
		if got := string(runes[s:e]); phrase != "" && got != phrase {
			return errors.New("toponym " + strconv.Itoa(i+1) + ": text at " + start + ".." + end + " is " + strconv.Quote(got) + ", not " + strconv.Quote(phrase))
		}
		if lat != "" && lon != "" {
			la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
			lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
			if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
				return errors.New("toponym " + strconv.Itoa(i+1) + ": bad coordinates " + strconv.Quote(lat) + "," + strconv.Quote(lon))
			}
			t.Lat, t.Lon, t.HasCoord = la, lo, true
		}
		if id != "" {
			t.GeoNameID, _ = strconv.Atoi(strings.TrimSpace(id))
		}
		art.Toponyms = append(art.Toponyms, t)
		return nil
	}
	if !utf8.ValidString(a.Text) {
		return art, errors.New("text is not valid UTF-8")
	}
	for i, t := range a.Toponyms {
		var lat, lon, id string
		if t.Gaztag != nil {
			lat, lon, id = t.Gaztag.Lat, t.Gaztag.Lon, t.Gaztag.ID
		}
		if err := add(i, t.Start, t.End, t.Phrase, lat, lon, id, 0); err != nil {
			return art, err
		}
	}
	for i, l := range a.Locations {
		if err := add(i, l.Start, l.End, l.Name, l.Lat, l.Lon, "", 1); err != nil {
			return art, err
		}
	}
	return art, nil
}
