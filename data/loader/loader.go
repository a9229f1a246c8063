// Package loader reads the dataset's editable TOML source (assets/dataset/**.toml)
// into a data.Dataset. It only parses and converts; data.Dataset.Validate judges.
package loader

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"aitimeline/data"
)

type tSource struct {
	Publisher  string `toml:"publisher"`
	Title      string `toml:"title"`
	Date       string `toml:"date"`
	URL        string `toml:"url"`
	ArchiveURL string `toml:"archive_url"`
	Language   string `toml:"language"`
	Kind       string `toml:"kind"`
}

type tPersonRef struct {
	ID   string    `toml:"id"`
	Role data.Text `toml:"role"`
}

type tAccount struct {
	Party  string    `toml:"party"`
	Text   data.Text `toml:"text"`
	Source []tSource `toml:"source"`
}

type tEvent struct {
	ID            string       `toml:"id"`
	Date          string       `toml:"date"`
	EndDate       string       `toml:"end_date"`
	Category      string       `toml:"category"`
	Status        string       `toml:"status"`
	Importance    int          `toml:"importance"`
	Threads       []string     `toml:"threads"`
	Title         data.Text    `toml:"title"`
	Summary       data.Text    `toml:"summary"`
	Note          data.Text    `toml:"note"`
	People        []tPersonRef `toml:"people"`
	Organizations []string     `toml:"organizations"`
	Source        []tSource    `toml:"source"`
	Account       []tAccount   `toml:"account"`
}

type tRole struct {
	Role         data.Text `toml:"role"`
	Organization string    `toml:"organization"`
	From         string    `toml:"from"`
	To           string    `toml:"to"`
}

type tPerson struct {
	ID      string    `toml:"id"`
	Name    string    `toml:"name"`
	Summary data.Text `toml:"summary"`
	Role    []tRole   `toml:"role"`
}

type tOrg struct {
	ID      string    `toml:"id"`
	Name    string    `toml:"name"`
	Kind    string    `toml:"kind"`
	Summary data.Text `toml:"summary"`
}

type tEra struct {
	ID      string    `toml:"id"`
	From    string    `toml:"from"`
	To      string    `toml:"to"`
	Title   data.Text `toml:"title"`
	Summary data.Text `toml:"summary"`
}

type tThread struct {
	ID    string    `toml:"id"`
	Title data.Text `toml:"title"`
}

type tTour struct {
	ID     string    `toml:"id"`
	Title  data.Text `toml:"title"`
	Intro  data.Text `toml:"intro"`
	Events []string  `toml:"events"`
}

type tFile struct {
	Version      string    `toml:"version"`
	AsOf         string    `toml:"as_of"`
	Event        []tEvent  `toml:"event"`
	Person       []tPerson `toml:"person"`
	Organization []tOrg    `toml:"organization"`
	Era          []tEra    `toml:"era"`
	Thread       []tThread `toml:"thread"`
	Tour         []tTour   `toml:"tour"`
}

// GlossaryFile is the German glossary kept beside the dataset's TOML source
// (assets/dataset/glossary.toml). It is not dataset content: Load skips it and
// a test checks the German text against it.
const GlossaryFile = "glossary.toml"

// Load reads every *.toml file below dir of fsys (in path order) and merges
// them into one dataset. Syntax errors and unknown keys are reported with the
// file name; semantic checks are left to Validate.
func Load(fsys fs.FS, dir string) (*data.Dataset, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".toml") && p != path.Join(dir, GlossaryFile) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .toml files in %s", dir)
	}
	sort.Strings(files)
	ds := &data.Dataset{Meta: data.Meta{SchemaVersion: data.SchemaVersion}}
	var problems []string
	for _, name := range files {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f tFile
		md, err := toml.Decode(string(raw), &f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.ToSlash(name), err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			keys := make([]string, len(und))
			for i, k := range und {
				keys[i] = k.String()
			}
			return nil, fmt.Errorf("%s: unknown keys: %s", name, strings.Join(keys, ", "))
		}
		p := convert(ds, &f, name)
		problems = append(problems, p...)
	}
	if len(problems) > 0 {
		return nil, &data.ValidationError{Problems: problems}
	}
	return ds, nil
}

func convert(ds *data.Dataset, f *tFile, name string) []string {
	var p []string
	date := func(where, s string) data.Date {
		if s == "" {
			return data.Date{}
		}
		d, err := data.ParseDate(s)
		if err != nil {
			p = append(p, fmt.Sprintf("%s: %s: %v", name, where, err))
		}
		return d
	}
	if f.Version != "" {
		if ds.Meta.Version != "" {
			p = append(p, name+": version is set in more than one file")
		}
		ds.Meta.Version = f.Version
	}
	if f.AsOf != "" {
		ds.Meta.AsOf = date("as_of", f.AsOf)
	}
	for _, e := range f.Event {
		ev := data.Event{
			ID: e.ID, Date: date("event "+e.ID, e.Date), End: date("event "+e.ID+" end_date", e.EndDate),
			Category: data.Category(e.Category), Status: data.Status(e.Status), Importance: e.Importance,
			Title: e.Title, Summary: e.Summary, Note: e.Note,
			Organizations: e.Organizations, Threads: e.Threads, Sources: sources(e.Source),
		}
		for _, r := range e.People {
			ev.People = append(ev.People, data.EventPerson{PersonID: r.ID, Role: r.Role})
		}
		for _, a := range e.Account {
			ev.Accounts = append(ev.Accounts, data.Account{Party: a.Party, Text: a.Text, Sources: sources(a.Source)})
		}
		ds.Events = append(ds.Events, ev)
	}
	for _, x := range f.Person {
		pe := data.Person{ID: x.ID, Name: x.Name, Summary: x.Summary}
		for _, r := range x.Role {
			pe.Roles = append(pe.Roles, data.Role{Role: r.Role, Organization: r.Organization, From: r.From, To: r.To})
		}
		ds.People = append(ds.People, pe)
	}
	for _, o := range f.Organization {
		ds.Organizations = append(ds.Organizations, data.Organization{ID: o.ID, Name: o.Name, Kind: o.Kind, Summary: o.Summary})
	}
	for _, e := range f.Era {
		ds.Eras = append(ds.Eras, data.Era{ID: e.ID, From: date("era "+e.ID, e.From), To: date("era "+e.ID, e.To), Title: e.Title, Summary: e.Summary})
	}
	for _, t := range f.Thread {
		ds.Threads = append(ds.Threads, data.Thread{ID: t.ID, Title: t.Title})
	}
	for _, t := range f.Tour {
		ds.Tours = append(ds.Tours, data.Tour{ID: t.ID, Title: t.Title, Intro: t.Intro, Events: t.Events})
	}
	return p
}

func sources(in []tSource) []data.Source {
	out := make([]data.Source, 0, len(in))
	for _, s := range in {
		out = append(out, data.Source{Publisher: s.Publisher, Title: s.Title, Date: s.Date, URL: s.URL,
			ArchiveURL: s.ArchiveURL, Language: s.Language, Kind: s.Kind})
	}
	return out
}
