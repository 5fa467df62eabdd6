package incidents_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/eval/incidents"
	"sitrep/shared"
)

const header = "entry,date,event_group,title,brief description,lat,lon,country,province,district,town/city,arms/munition,violence level,link,geolocation\n"

func read(t *testing.T, s string) ([]incidents.Incident, error) {
	t.Helper()
	var out []incidents.Incident
	err := incidents.Read("test.csv", strings.NewReader(s), func(in incidents.Incident) error {
		out = append(out, in)
		return nil
	})
	return out, err
}

func TestRead(t *testing.T) {
	incs, err := read(t, header+
		`AB001,2022-03-05,Civilian Infrastructure Damage March 2022,05/03/2022 Shelling in Irpin,"Shelling in Irpin, homes hit",50.52,30.25,Ukraine,Kyiv Oblast,,Irpin',,1,,`+"\n"+
		`AB002,2022-03-06,Other,Title only,,,,Ukraine,,,,,,,`+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 2 {
		t.Fatalf("got %d incidents, want 2", len(incs))
	}
	a := incs[0]
	if a.Entry != "AB001" || a.Lat != 50.52 || !a.HasCoords || a.Town != "Irpin'" || a.Line != 2 ||
		a.Text() != "05/03/2022 Shelling in Irpin\n\nShelling in Irpin, homes hit" || !a.NamesPlace() {
		t.Errorf("first incident = %+v (text %q, names place %v)", a, a.Text(), a.NamesPlace())
	}
	if incs[1].HasCoords || incs[1].NamesPlace() || incs[1].Text() != "Title only" {
		t.Errorf("second incident = %+v", incs[1])
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "test.csv: file is empty"},
		{"a,b,c\n1,2,3\n", `test.csv: line 1: the header has no "entry" column`},
		{header + "X,2022-13-01,G,T,D,1,2,,,,,,,,\n", `test.csv: line 2: date "2022-13-01" is not YYYY-MM-DD`},
		{header + "X,2022-01-01,G,T,D,100,2,,,,,,,,\n", "test.csv: line 2: coordinates"},
		{header + "X,2022-01-01,G,T,D,1,2\n", "test.csv: line 2: wrong number of fields"},
		{header + "X,2022-01-01,G,\"T,D,1,2,,,,,,,,\n", "test.csv: line 2"},
		{header + "X,2022-01-01,G," + strings.Repeat("x", incidents.MaxFieldBytes+1) + ",D,1,2,,,,,,,,\n", "longer than"},
	} {
		_, err := read(t, tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) || sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Read(%.40q) = %v, want an EINVALID error containing %q", tc.in, err, tc.want)
		}
	}
	stop := errors.New("stop")
	err := incidents.Read("x", strings.NewReader(header+"X,2022-01-01,G,T,D,1,2,,,,,,,,\n"), func(incidents.Incident) error { return stop })
	if err != stop {
		t.Errorf("Read with a failing callback = %v, want its error", err)
	}
}

func TestGroups(t *testing.T) {
	for in, want := range map[string]string{
		"Civilian Infrastructure Damage March 2022": "Civilian Infrastructure Damage",
		"Russian Military Losses Feb - June":        "Russian Military Losses",
		"Russian Military Presence June 2022":       "Russian Military Presence",
		"Ground Battle":                             "Ground Battle",
	} {
		if got := incidents.BaseGroup(in); got != want {
			t.Errorf("BaseGroup(%q) = %q, want %q", in, got, want)
		}
		if _, ok := incidents.Expected(in); !ok {
			t.Errorf("Expected(%q): not mapped", in)
		}
	}
	if _, ok := incidents.Expected("Other"); ok {
		t.Error(`Expected("Other") is mapped, want not scored`)
	}
}

func TestScore(t *testing.T) {
	var s incidents.Score
	s.AddType("Ground Battle", "Battles")
	s.AddType("Ground Battle", "Explosions/Remote violence")
	s.AddType("Other", "Battles")
	in := incidents.Incident{Lat: 50.52, Lon: 30.25, HasCoords: true}
	s.AddPlace(in, true, 50.52, 30.25) // 0 km
	s.AddPlace(in, true, 50.45, 30.52) // Kyiv, about 20 km
	s.AddPlace(in, true, 49.99, 36.23) // Kharkiv, over 400 km
	s.AddPlace(in, false, 0, 0)
	r := s.Result()
	if r.TypeAgreement != 50 || r.Typed != 2 || r.Incidents != 3 || r.PlaceFound != 75 || r.Within25km != 50 || r.Within161km != 50 {
		t.Errorf("Result() = %+v", r)
	}
	if r.MedianKm < 15 || r.MedianKm > 25 {
		t.Errorf("median %v km, want about 20", r.MedianKm)
	}
	var empty incidents.Score
	if r := empty.Result(); r.MedianKm != -1 || r.TypeAgreement != 0 {
		t.Errorf("empty Result() = %+v", r)
	}
}

func TestHeldout(t *testing.T) {
	n := 0
	for i := 0; i < 1000; i++ {
		if incidents.Heldout("UW" + string(rune('A'+i%26)) + strings.Repeat("0", i%7) + string(rune('a'+i/26))) {
			n++
		}
	}
	if n < 120 || n > 280 {
		t.Errorf("held out %d of 1000, want about 200", n)
	}
}

// TestRealFile reads the whole shared file when present.
func TestRealFile(t *testing.T) {
	p := shared.Path("data", "cir", "events-2022H1.csv")
	if p == "" {
		t.Skip("shared data not present")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, typed := 0, 0
	err = incidents.Read(p, f, func(in incidents.Incident) error {
		n++
		if _, ok := incidents.Expected(in.Group); ok {
			typed++
		}
		return nil
	})
	if err != nil || n < 5000 || typed < n*9/10 {
		t.Errorf("read %d incidents (%d typed), err %v", n, typed, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(header + `AB001,2022-03-05,Civilian Infrastructure Damage March 2022,T,"D, d",50.52,30.25,Ukraine,Kyiv Oblast,,Irpin',,1,,` + "\n")
	f.Add(header + "X,2022-01-01,G,\"T,D,1,2,,,,,,,,\n")
	f.Add("entry,date\n")
	f.Add(header + "X,2022-01-01,G,T,D,NaN,Inf,,,,,,,,\n")
	f.Fuzz(func(t *testing.T, s string) {
		err := incidents.Read("fuzz.csv", strings.NewReader(s), func(in incidents.Incident) error {
			if in.HasCoords && (in.Lat != in.Lat || in.Lat < -90 || in.Lat > 90 || in.Lon < -180 || in.Lon > 180) {
				t.Fatalf("bad coordinates %v %v", in.Lat, in.Lon)
			}
			_ = in.NamesPlace()
			_, _ = incidents.Expected(in.Group)
			return nil
		})
		if err != nil && sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Fatalf("error %v has code %s, want invalid", err, sitrep.ErrorCode(err))
		}
	})
}
