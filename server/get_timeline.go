package server

import (
	"net/http"
	"slices"

	"sitrep"

	"sitrep/server/response"
)

// timeline is the number of events per day.
type timeline struct {
	Days      []dayCount `json:"days"`
	Total     int        `json:"total"`
	Truncated bool       `json:"truncated,omitempty"`
}

// getTimeline counts the selected events per day (the event's day, else
// the publication date).
func (s *Server) getTimeline(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "type", "source", "story", "status", "bbox", "place", "from", "to")
	f := eventFilter(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ms, ok, err := s.markers.get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ok {
		response.JSON(w, http.StatusOK, timelineOf(ms.ms, &f))
		return
	}
	a, err := s.aggregateEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	response.JSON(w, http.StatusOK, timeline{Days: a.Days, Total: a.Total, Truncated: a.Truncated})
}

// timelineOf counts the indexed events that pass f per day.
func timelineOf(ms []indexedMarker, f *sitrep.EventFilter) timeline {
	xf := newIndexFilter(f)
	counts := map[int32]int{}
	t := timeline{Days: []dayCount{}}
	for i := range ms {
		if !ms[i].match(xf) {
			continue
		}
		t.Total++
		if ms[i].day >= 0 {
			counts[ms[i].day]++
		}
	}
	days := make([]int32, 0, len(counts))
	for d := range counts {
		days = append(days, d)
	}
	slices.Sort(days)
	for _, d := range days {
		t.Days = append(t.Days, dayCount{Day: sitrep.DayString(int(d)), Count: counts[d]})
	}
	return t
}
