package htmlpage

import (
	"os"
	"strings"
	"testing"

	"sitrep"
)

func TestExtractArticle(t *testing.T) {
	raw, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Extract("article.html", raw, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Village near Kharkiv recaptured, governor says" {
		t.Errorf("Title = %q", p.Title)
	}
	if p.Site != "The Kharkiv Courier" {
		t.Errorf("Site = %q", p.Site)
	}
	if !strings.HasPrefix(p.Published, "2022-03-28") {
		t.Errorf("Published = %q", p.Published)
	}
	for _, want := range []string{"recaptured by Ukrainian troops", "Vilkhivka—the village is free again", "did not respond to a request for comment"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, p.Text)
		}
	}
	for _, boiler := range []string{"Subscribe now", "Celebrity chef", "Cookie settings", "All rights reserved"} {
		if strings.Contains(p.Text, boiler) {
			t.Errorf("Text keeps boilerplate %q", boiler)
		}
	}
}

func TestExtractNoArticle(t *testing.T) {
	raw, err := os.ReadFile("testdata/no-article.html")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Extract("login.html", raw, "")
	if err == nil || !strings.Contains(err.Error(), "login.html: the page holds no article text") || sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Extract(no article) error = %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	raw, err := os.ReadFile("testdata/article.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("<html><body><p>unclosed <b>tags <i>everywhere</body>"))
	f.Add([]byte("<<<>>><p></p>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Extract("fuzz.html", raw, "")
		if err == nil && strings.TrimSpace(p.Text) == "" {
			t.Fatal("no error and no text")
		}
	})
}
