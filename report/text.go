// Package report renders a record as a readable report for a person.
package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
)

// WriteText writes rec as a plain-text report: the document, then the
// claims (speaker, cue, status), the events, the places with coordinates,
// the dates with their values and the figures, each item with its evidence
// quoted, then the people and organisations.
func WriteText(w io.Writer, rec sitrep.Record) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	doc := rec.Document
	title := doc.Title
	if title == "" {
		title = "(untitled)"
	}
	p("%s\n%s\n", title, strings.Repeat("=", min(len([]rune(title)), 78)))
	p("document   %s\n", doc.ID)
	field := func(name, v string) {
		if v != "" {
			p("%-10s %s\n", name, v)
		}
	}
	field("source", doc.Source)
	field("url", doc.URL)
	pub := doc.Published
	if doc.PublishedInferred {
		pub += fmt.Sprintf(" (inferred from the text, confidence %.2f)", doc.PublishedConfidence)
	}
	if pub == "" {
		pub = "unknown"
	}
	field("published", pub)
	field("input", doc.Input)
	p("text       %d sentences, %d characters\n", len(rec.Sentences), len([]rune(doc.Text)))

	ents := map[string]sitrep.Entity{}
	for _, e := range rec.Entities {
		ents[e.ID] = e
	}
	times := map[string]sitrep.Time{}
	for _, t := range rec.Times {
		times[t.ID] = t
	}
	places := map[string]sitrep.Place{}
	for _, pl := range rec.Places {
		places[pl.ID] = pl
	}

	section(bw, "Claims", len(rec.Claims))
	for i, c := range rec.Claims {
		speaker := c.SpeakerName
		if speaker == "" {
			speaker = c.Speaker
		}
		if e, ok := ents[c.Speaker]; ok && len(e.Roles) > 0 {
			speaker += " (" + e.Roles[0].Title + ")"
		}
		p("%d. %s %s [%s, %s, %s]\n", i+1, speaker, quote(c.Cue.Text), c.Mode, c.Polarity, c.Status)
		p("   content: %s\n", content(c))
		if c.Medium != nil {
			p("   medium:  %s\n", quote(c.Medium.Text))
		}
		if c.Addressee != nil {
			p("   to:      %s\n", quote(c.Addressee.Text))
		}
		if t, ok := times[c.When]; ok {
			p("   when:    %s %s\n", t.Value, evidence(t.Mentions))
		}
		if len(c.Hedges) > 0 {
			p("   hedges:  %s\n", evidence(c.Hedges))
		}
	}

	section(bw, "Events", len(rec.Events))
	for i, e := range rec.Events {
		kind := e.Type
		if e.SubType != "" {
			kind += " / " + e.SubType
		}
		p("%d. %s [%s]\n", i+1, kind, e.Status)
		if e.Actor1 != nil {
			p("   actor1:  %s\n", actor(*e.Actor1))
		}
		if e.Actor2 != nil {
			p("   actor2:  %s\n", actor(*e.Actor2))
		}
		where := "unknown"
		if pl, ok := places[e.Place]; ok {
			where = fmt.Sprintf("%s (%s)", pl.Name, e.PlacePrecision)
		}
		p("   where:   %s\n", where)
		when := "unknown"
		if e.DateValue != "" {
			when = fmt.Sprintf("%s (%s)", e.DateValue, e.DatePrecision)
		}
		p("   when:    %s\n", when)
		if f := e.Fatalities; f != nil && f.Best != nil {
			p("   deaths:  %s\n", num(*f.Best))
		}
		if len(e.Claims) > 0 {
			p("   claims:  %s\n", strings.Join(e.Claims, ", "))
		}
		p("   evidence %s\n", evidence(e.Evidence))
	}

	section(bw, "Places", len(rec.Places))
	for i, pl := range rec.Places {
		loc := "not resolved"
		if pl.Precision != sitrep.PrecisionUnresolved {
			loc = fmt.Sprintf("%.4f, %.4f", pl.Lat, pl.Lon)
			if pl.Admin1 != "" || pl.Country != "" {
				loc += ", " + strings.Trim(pl.Admin1+", "+pl.Country, ", ")
			}
		}
		p("%d. %s — %s, %s (%s) %s\n", i+1, pl.Name, pl.Kind, loc, pl.Precision, evidence(pl.Mentions))
	}

	section(bw, "Dates", len(rec.Times))
	for i, t := range rec.Times {
		v := t.Value
		if t.Mod != "" {
			v += " " + t.Mod
		}
		p("%d. %s %s %s", i+1, t.Type, v, evidence(t.Mentions))
		if t.Note != "" {
			p(" — %s", t.Note)
		}
		p("\n")
	}

	section(bw, "Figures", len(rec.Quantities))
	for i, q := range rec.Quantities {
		what := strings.TrimSpace(q.Unit + " " + q.Measure)
		p("%d. %s %s %s [%s]", i+1, num(q.Value), what, evidence(q.Evidence), q.Qualifier)
		if t, ok := times[q.AsOf]; ok {
			p(" as of %s", t.Value)
		}
		if e, ok := ents[q.Source]; ok {
			p(", source %s", e.Name)
		}
		p("\n")
	}

	section(bw, "People and organisations", len(rec.Entities))
	for i, e := range rec.Entities {
		p("%d. %s %s", i+1, e.Type, e.Name)
		for _, r := range e.Roles {
			p(", %s", r.Title)
		}
		if e.Side != "" {
			p(" [side %s]", e.Side)
		}
		p(" — %d mention(s)\n", len(e.Mentions))
	}
	if len(rec.Warnings) > 0 {
		section(bw, "Warnings", len(rec.Warnings))
		for _, w := range rec.Warnings {
			p("- %s\n", w)
		}
	}
	p("\nstages: %s\n", strings.Join(rec.Stages, ", "))
	return bw.Flush()
}

func section(w *bufio.Writer, name string, n int) {
	fmt.Fprintf(w, "\n%s (%d)\n%s\n", name, n, strings.Repeat("-", len(name)+len(strconv.Itoa(n))+3))
	if n == 0 {
		fmt.Fprintln(w, "none found")
	}
}

func actor(a sitrep.Actor) string {
	if a.Side != "" {
		return a.Name + " [side " + a.Side + "]"
	}
	return a.Name
}

// quote puts s in quotation marks on one line, unless it is already a
// quotation.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”") {
		return s
	}
	return "“" + s + "”"
}

func evidence(spans []sitrep.Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, fmt.Sprintf("%s @%d-%d", quote(s.Text), s.Start, s.End))
	}
	return strings.Join(parts, "; ")
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// content quotes what a claim says. A quotation interrupted by its
// attribution ("“A,” she said. “B.”") is its parts, so that the reader
// does not take the attribution for words of the speaker.
func content(c sitrep.Claim) string {
	if len(c.ContentParts) < 2 {
		return quote(c.Content.Text)
	}
	parts := make([]string, len(c.ContentParts))
	for i, s := range c.ContentParts {
		parts[i] = quote(s.Text)
	}
	return strings.Join(parts, " … ")
}
