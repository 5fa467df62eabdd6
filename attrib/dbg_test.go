package attrib

import (
	"fmt"
	"os"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestDbg(t *testing.T) {
	s := os.Getenv("DBG")
	if s == "" {
		t.Skip()
	}
	d := sitrep.NewDoc(sitrep.Document{}, s)
	text.Segmenter{}.Annotate(d)
	New().Annotate(d)
	for _, se := range d.Sentences {
		fmt.Printf("S %q\n", d.Slice(se.Start, se.End))
	}
	for _, c := range d.Claims {
		fmt.Printf("%s spk=%q/%q cue=%q src=%v content=%q parts=%d mode=%s pol=%s st=%s med=%v addr=%v hedges=%v parent=%s\n", c.ID, c.Speaker, c.SpeakerName, c.Cue.Text, c.Source, c.Content.Text, len(c.ContentParts), c.Mode, c.Polarity, c.Status, c.Medium, c.Addressee, c.Hedges, c.Parent)
	}
}
