package assets

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"aitimeline/data/loader"
	"aitimeline/i18n"
)

// glossaryTerm is one [[term]] of assets/dataset/glossary.toml.
type glossaryTerm struct {
	EN        string   `toml:"en"`
	DE        string   `toml:"de"`
	Forbidden []string `toml:"forbidden"`
	Allow     []string `toml:"allow"`
	Scope     string   `toml:"scope"`
	Note      string   `toml:"note"`

	variants []variant
}

// variant is a forbidden variant: a plain string or (prefix "re:") a regular expression.
type variant struct {
	text string
	re   *regexp.Regexp
}

func (v variant) find(s string) string {
	if v.re != nil {
		return v.re.FindString(s)
	}
	if strings.Contains(s, v.text) {
		return v.text
	}
	return ""
}

// germanText is one German text with where it stands, for messages.
type germanText struct {
	where string // "events/2025b.toml: event 2025-08-12-… title"
	scope string // "dataset" or "catalog"
	text  string
}

func loadGlossary(t *testing.T) []glossaryTerm {
	t.Helper()
	var g struct {
		Term []glossaryTerm `toml:"term"`
	}
	md, err := toml.DecodeFile("dataset/"+loader.GlossaryFile, &g)
	if err != nil {
		t.Fatal(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		t.Fatalf("glossary: unknown keys %v", und)
	}
	for i := range g.Term {
		term := &g.Term[i]
		if term.EN == "" || term.DE == "" || term.Note == "" {
			t.Errorf("glossary term %d (%q): en, de and note are required", i+1, term.EN)
		}
		switch term.Scope {
		case "":
			term.Scope = "all"
		case "all", "dataset", "catalog":
		default:
			t.Errorf("glossary term %q: scope %q is not all, dataset or catalog", term.EN, term.Scope)
		}
		for _, f := range term.Forbidden {
			if pat, ok := strings.CutPrefix(f, "re:"); ok {
				re, err := regexp.Compile(pat)
				if err != nil {
					t.Errorf("glossary term %q: %v", term.EN, err)
					continue
				}
				term.variants = append(term.variants, variant{text: f, re: re})
			} else if f != "" {
				term.variants = append(term.variants, variant{text: f})
			}
		}
	}
	if len(g.Term) < 20 {
		t.Fatalf("glossary has only %d terms: not loaded?", len(g.Term))
	}
	return g.Term
}

// violations lists every forbidden variant found in texts, one message each.
func violations(terms []glossaryTerm, texts []germanText) []string {
	var out []string
	for _, tx := range texts {
		for _, term := range terms {
			if term.Scope != "all" && term.Scope != tx.scope {
				continue
			}
			s := tx.text
			for _, a := range term.Allow {
				s = strings.ReplaceAll(s, a, "")
			}
			for _, v := range term.variants {
				if hit := v.find(s); hit != "" {
					out = append(out, fmt.Sprintf("%s: „%s“ is forbidden (%s → „%s“)", tx.where, strings.TrimSpace(hit), term.EN, term.DE))
				}
			}
		}
	}
	return out
}

// datasetGerman collects the German text of every dataset file, file by file,
// so that a message can name the file as well as the entry.
func datasetGerman(t *testing.T) []germanText {
	t.Helper()
	fsys := os.DirFS("dataset")
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") && p != loader.GlossaryFile {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var out []germanText
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := loader.Load(fstest.MapFS{name: {Data: b}}, ".")
		if err != nil {
			t.Fatal(err)
		}
		add := func(where, field string, s string) {
			out = append(out, germanText{where: name + ": " + where + " " + field, scope: "dataset", text: s})
		}
		for _, e := range ds.Events {
			w := "event " + e.ID
			add(w, "title.de", e.Title.DE)
			add(w, "summary.de", e.Summary.DE)
			add(w, "note.de", e.Note.DE)
			for _, p := range e.People {
				add(w, "role of "+p.PersonID, p.Role.DE)
			}
			for i, a := range e.Accounts {
				add(w, fmt.Sprintf("account %d (%s)", i+1, a.Party), a.Text.DE)
			}
		}
		for _, p := range ds.People {
			add("person "+p.ID, "summary.de", p.Summary.DE)
			for i, r := range p.Roles {
				add("person "+p.ID, fmt.Sprintf("role %d", i+1), r.Role.DE)
			}
		}
		for _, o := range ds.Organizations {
			add("organization "+o.ID, "name", o.Name) // shown as it is in German
			add("organization "+o.ID, "summary.de", o.Summary.DE)
		}
		for _, e := range ds.Eras {
			add("era "+e.ID, "title.de", e.Title.DE)
			add("era "+e.ID, "summary.de", e.Summary.DE)
		}
		for _, th := range ds.Threads {
			add("thread "+th.ID, "title.de", th.Title.DE)
		}
		for _, tr := range ds.Tours {
			add("tour "+tr.ID, "title.de", tr.Title.DE)
			add("tour "+tr.ID, "intro.de", tr.Intro.DE)
		}
	}
	return out
}

// catalogGerman collects every German message of the app's catalogs (i18n/*.de.toml),
// plural forms included.
func catalogGerman(t *testing.T) []germanText {
	t.Helper()
	var out []germanText
	for name, b := range i18n.Catalogs() {
		if !strings.HasSuffix(name, ".de.toml") {
			continue
		}
		var m map[string]any
		if _, err := toml.Decode(string(b), &m); err != nil {
			t.Fatalf("i18n/%s: %v", name, err)
		}
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch v := v.(type) {
			case string:
				out = append(out, germanText{where: "i18n/" + name + ": " + key, scope: "catalog", text: v})
			case map[string]any:
				for k, sub := range v {
					walk(key+"."+k, sub)
				}
			}
		}
		for k, v := range m {
			walk(k, v)
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d German messages: catalogs not loaded?", len(out))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

// TestGlossaryDataset fails on every forbidden variant in the German text of the dataset.
func TestGlossaryDataset(t *testing.T) {
	for _, v := range violations(loadGlossary(t), datasetGerman(t)) {
		t.Error(v)
	}
}

// TestGlossaryCatalogs fails on every forbidden variant in the app's German catalogs.
func TestGlossaryCatalogs(t *testing.T) {
	for _, v := range violations(loadGlossary(t), catalogGerman(t)) {
		t.Error(v)
	}
}

// TestGlossaryCatches keeps the checker honest: known-bad German is caught, the
// preferred terms themselves pass, and allowed phrases are not reported.
func TestGlossaryCatches(t *testing.T) {
	terms := loadGlossary(t)
	bad := map[string]string{
		"OpenAI erhebt Gegenklage gegen Musk":                         "counterclaim",
		"Das Board von OpenAI setzt Altman ab":                        "board (of directors)",
		"verließ 2018 dessen Vorstand":                                "board (of directors)",
		"Kontrolle des Non-Profits":                                   "non-profit",
		"Das Non-Profit behält die Kontrolle":                         "non-profit",
		"vor einem kalifornischen Staatsgericht":                      "state court (California)",
		"ein „fortgesetztes Muster der Belästigung“":                  "harassment (legal claim)",
		"eine Vorladung von OpenAI":                                   "subpoena (for documents)",
		"Die Beiträge erschienen am Dienstag, 8. Juli 2025":           "weekday with a date in running text",
		"OpenAI solle sich als „Cash-Cow“ an Tesla anlehnen":          "cash cow (Tesla as OpenAI's cash cow)",
		"Grok plappert die alten Medien nach":                         "legacy media",
		"ein Spruch der Geschworenen oder ein rechtskräftiges Urteil": "final judgment",
	}
	for text, want := range bad {
		got := violations(terms, []germanText{{where: "sample", scope: "dataset", text: text}})
		if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "("+want+" →") {
			t.Errorf("%q: got %q, want a violation of %q", text, got, want)
		}
	}
	good := []string{
		"Der Verwaltungsrat (das Board of Directors) von OpenAI",
		"die gemeinnützige Organisation und die Non-Profit-Organisation Encode",
		"am Mittwoch, dem 29. März 2023; auf Dienstag, den 28. Oktober",
		"Forschungsdirektor; Strategiedirektorin; Widerklage; Schikane",
	}
	for _, text := range good {
		if got := violations(terms, []germanText{{where: "sample", scope: "dataset", text: text}}); len(got) > 0 {
			t.Errorf("%q: unexpected %q", text, got)
		}
	}
	for _, term := range terms {
		scope := term.Scope
		if scope == "all" {
			scope = "dataset"
		}
		if got := violations([]glossaryTerm{term}, []germanText{{where: "preferred", scope: scope, text: term.DE}}); len(got) > 0 {
			t.Errorf("term %q: its preferred form is forbidden: %q", term.EN, got)
		}
	}
}
