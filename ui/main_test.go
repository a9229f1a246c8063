package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
	_ "aitimeline/i18n/localeenv" // quiet Fyne under LANG=C
	"aitimeline/ui/timeline"
)

// newTestMain opens the bundled dataset in a main window; ds is the whole
// dataset, for comparisons.
func newTestMain(t *testing.T, lang data.Lang) (*Main, fyne.Window, fyne.App, *data.Dataset) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.OpenEmbedded(assets.Dataset, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ds, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := st.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := st.LoadContext()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	m := NewMain(a, w, st, timeline.NewData(idx, ctx), ctx, i18n.Must(lang), "test")
	m.RunQueriesInline()
	w.Resize(fyne.NewSize(1280, 800))
	return m, w, a, ds
}

// visibleStrings collects the text of every visible label, text, button and
// entry placeholder in the window, and the menu labels.
func visibleStrings(w fyne.Window) string {
	s := objectStrings(w.Content())
	var b strings.Builder
	for _, menu := range w.MainMenu().Items {
		b.WriteString(menu.Label + "\n")
		for _, it := range menu.Items {
			b.WriteString(it.Label + "\n")
		}
	}
	return s + b.String()
}

func objectStrings(root fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		case *widget.Entry:
			b.WriteString(x.PlaceHolder + "\n")
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wid).Objects() {
				walk(ch)
			}
		}
	}
	walk(root)
	return b.String()
}

func TestLanguageSwitchAtRuntime(t *testing.T) {
	m, w, a, ds := newTestMain(t, data.EN)
	tl := m.Timeline()
	tl.Zoom(3)
	sel := len(ds.Events) / 2
	tl.SelectAndReveal(sel)
	m.Wait()
	view := tl.Viewport()
	ev := ds.Events[sel]

	en := visibleStrings(w)
	for _, want := range []string{"File", "Language", "Zoom in", "Search events", ev.Title.EN, "Sources", "Governance"} {
		if !strings.Contains(en, want) {
			t.Errorf("English window lacks %q", want)
		}
	}
	m.SetLang(data.DE)
	m.Wait()
	de := visibleStrings(w)
	for _, want := range []string{"Datei", "Sprache", "Vergrößern", "durchsuchen", ev.Title.DE, "Quellen", "Führung und Struktur"} {
		if !strings.Contains(de, want) {
			t.Errorf("German window lacks %q", want)
		}
	}
	for _, gone := range []string{"Zoom in", "Search events", "\nSources\n", ev.Title.EN + "\n"} {
		if ev.Title.EN != ev.Title.DE && strings.Contains(de, gone) {
			t.Errorf("German window still shows %q", gone)
		}
	}
	if w.Title() != "Zeitleiste des KI-Konflikts" {
		t.Errorf("window title %q", w.Title())
	}
	if tl.Viewport() != view || tl.Selected() != sel {
		t.Errorf("switch lost the view: %v/%d -> %v/%d", view, sel, tl.Viewport(), tl.Selected())
	}
	if got := a.Preferences().String(PrefLang); got != "de" {
		t.Errorf("language preference = %q", got)
	}
	// Timeline labels are drawn in the new language too.
	found := false
	for _, o := range test.WidgetRenderer(tl).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && strings.Contains(tx.Text, "Jan.") || ok && tx.Text == "Heute" {
			found = true
		}
	}
	if !found {
		t.Error("timeline axis or today marker not in German")
	}
}

func TestListTwinFollowsTimeline(t *testing.T) {
	m, _, _, ds := newTestMain(t, data.EN)
	tl := m.Timeline()
	all := len(m.Rows())
	if all != len(ds.Events) {
		t.Fatalf("whole view lists %d of %d events", all, len(ds.Events))
	}
	tl.ShowRange(tl.Data().T[10], tl.Data().T[30])
	rows := m.Rows()
	if len(rows) != 20 || rows[0] != 10 {
		t.Fatalf("window of events 10..29 lists %d rows from %d", len(rows), rows[0])
	}
	// Selecting in the list selects on the timeline and shows the detail.
	m.List().Select(5)
	m.Wait()
	if tl.Selected() != rows[5] {
		t.Fatalf("list row 5 selected event %d on the timeline, want %d", tl.Selected(), rows[5])
	}
	if !strings.Contains(detailText(m), ds.Events[rows[5]].Title.EN) {
		t.Fatal("detail pane does not show the selected event")
	}
	// Selecting on the timeline moves the detail pane.
	tl.Select(rows[7])
	m.Wait()
	if !strings.Contains(detailText(m), ds.Events[rows[7]].Title.EN) {
		t.Fatal("detail pane did not follow the timeline")
	}
}

func detailText(m *Main) string { return objectStrings(m.detail) }

func TestSearchAnyInput(t *testing.T) {
	m, _, _, ds := newTestMain(t, data.DE)
	for _, q := range []string{"Klage", "Gründung", "Gruendung", `"`, `NEAR(`, `a OR -b *`, `)(`, strings.Repeat("x", 10000), `"Musk" AND "Altman"`} {
		m.Search().SetText(q)
		m.Wait()
	}
	m.Search().SetText("Klage")
	m.Wait()
	if len(m.Rows()) == 0 {
		t.Fatal("Klage found nothing")
	}
	m.Search().SetText("Gruendung")
	m.Wait()
	n := len(m.Rows())
	m.Search().SetText("Gründung")
	m.Wait()
	if n == 0 || len(m.Rows()) != n {
		t.Fatalf("umlaut folding: %d vs %d", n, len(m.Rows()))
	}
	m.Search().SetText("qqqzzzxxx")
	m.Wait()
	if len(m.Rows()) != 0 || m.status.Text != "Keine Treffer." {
		t.Fatalf("no-hit search: %d rows, status %q", len(m.Rows()), m.status.Text)
	}
	m.Search().SetText("")
	m.Wait()
	if len(m.Rows()) != len(ds.Events) {
		t.Fatal("clearing the search did not restore the window's events")
	}
}

func TestOpenSourceURLRefusesOtherSchemes(t *testing.T) {
	a := test.NewTempApp(t)
	loc := i18n.Must(data.DE)
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://example.com"} {
		err := OpenSourceURL(a, nil, loc, bad)
		if err == nil || !strings.Contains(err.Error(), "nicht geöffnet") {
			t.Errorf("%s: %v", bad, err)
		}
	}
	if err := OpenSourceURL(a, nil, loc, "https://openai.com/"); err != nil {
		t.Errorf("https refused: %v", err)
	}
}

func TestAboutShowsVersions(t *testing.T) {
	m, _, _, ds := newTestMain(t, data.EN)
	about := m.AboutText()
	asOf := i18n.Must(data.EN).Date(ds.Meta.AsOf) // e.g. "November 28, 2026"
	for _, want := range []string{"Version test", ds.Meta.Version, "facts as of", asOf} {
		if !strings.Contains(about, want) {
			t.Errorf("about lacks %q: %s", want, about)
		}
	}
}

func TestFiltersCombineAndSurviveLanguageSwitch(t *testing.T) {
	m, w, _, ds := newTestMain(t, data.EN)
	f := Filter{Categories: map[data.Category]bool{data.CatLegal: true, data.CatPolitics: true}, People: map[string]bool{"elon-musk": true}}
	m.SetFilter(f)
	m.Wait()
	if len(m.Rows()) == 0 || len(m.Rows()) == len(ds.Events) {
		t.Fatalf("filter kept %d of %d events", len(m.Rows()), len(ds.Events))
	}
	for _, i := range m.Rows() {
		e := ds.Events[i]
		musk := false
		for _, p := range e.People {
			musk = musk || p.PersonID == "elon-musk"
		}
		if (e.Category != data.CatLegal && e.Category != data.CatPolitics) || !musk {
			t.Fatalf("filtered list shows %s (%s)", e.ID, e.Category)
		}
	}
	inLanes := 0
	for _, l := range m.Timeline().Lanes() {
		inLanes += l.Lane.Len()
	}
	if inLanes != len(m.Rows()) {
		t.Fatalf("timeline shows %d events, list %d", inLanes, len(m.Rows()))
	}
	if !m.filterBar.Visible() || !strings.Contains(objectStrings(m.filterBar), "Legal") || !strings.Contains(objectStrings(m.filterBar), "Elon Musk") {
		t.Fatalf("filter bar: visible %v, %q", m.filterBar.Visible(), objectStrings(m.filterBar))
	}
	m.SetLang(data.DE)
	m.Wait()
	if got := m.Filter(); len(got.Categories) != 2 || !got.People["elon-musk"] {
		t.Fatalf("language switch changed the filter: %+v", got)
	}
	if !strings.Contains(objectStrings(m.filterBar), "Recht") || !strings.Contains(visibleStrings(w), "Alle Filter aufheben") {
		t.Fatalf("filter bar not in German: %q", objectStrings(m.filterBar))
	}
	// Searching within a filter shows only matching hits.
	m.Search().SetText("Klage")
	m.Wait()
	for _, i := range m.Rows() {
		if c := ds.Events[i].Category; c != data.CatLegal && c != data.CatPolitics {
			t.Fatalf("search ignores the filter: %s", ds.Events[i].ID)
		}
	}
	m.Search().SetText("")
	m.Wait()
	m.SetFilter(Filter{})
	m.Wait()
	if m.filterBar.Visible() || len(m.Rows()) != len(ds.Events) {
		t.Fatal("clearing the filter did not restore everything")
	}
	// A date range.
	m.SetFilter(Filter{From: data.MustDate("2023-11"), To: data.MustDate("2023-11")})
	m.Wait()
	for _, i := range m.Rows() {
		if d := ds.Events[i].Date; d.Year != 2023 || d.Month != 11 {
			t.Fatalf("November 2023 filter shows %s", ds.Events[i].ID)
		}
	}
	if len(m.Rows()) < 5 {
		t.Fatalf("November 2023 has %d events", len(m.Rows()))
	}
}

func TestNavigationBetweenViews(t *testing.T) {
	m, _, _, ds := newTestMain(t, data.EN)
	// From an event to a person: the People tab opens on the person's card.
	musk := -1
	for i, e := range ds.Events {
		if len(e.People) > 0 && e.People[0].PersonID == "elon-musk" {
			musk = i
			break
		}
	}
	m.Timeline().Select(musk)
	m.Wait()
	m.ShowPerson("elon-musk")
	if m.tabs.Selected() != m.peopleTab || !strings.Contains(objectStrings(m.peopleTab.Content), "Show their events on the timeline") {
		t.Fatal("People tab did not open on Musk's card")
	}
	// From the person's card back to an event: Reveal selects it on the timeline tab.
	m.Reveal(musk + 1)
	m.Wait()
	if m.tabs.Selected() != m.timelineTab || m.Timeline().Selected() != musk+1 {
		t.Fatalf("Reveal: tab %v, selected %d", m.tabs.Selected().Text, m.Timeline().Selected())
	}
	// The Sources tab lists every source with the summary line.
	m.tabs.Select(m.sourcesTab)
	if !strings.Contains(objectStrings(m.sourcesTab.Content), "Events with one source") {
		t.Fatal("Sources tab lacks its summary")
	}
	// Following a person filters the timeline to their events.
	m.SetFilter(Filter{People: map[string]bool{"sam-altman": true}})
	m.Wait()
	for _, i := range m.Rows() {
		found := false
		for _, p := range ds.Events[i].People {
			found = found || p.PersonID == "sam-altman"
		}
		if !found {
			t.Fatalf("following Altman shows %s", ds.Events[i].ID)
		}
	}
}

func TestExportFromTheWindow(t *testing.T) {
	m, _, _, ds := newTestMain(t, data.EN)
	path := filepath.Join(t.TempDir(), "out.json")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.export(w, "json"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), ds.Events[0].ID) || !strings.Contains(string(b), `"as_of": "`+ds.Meta.AsOf.String()+`"`) {
		t.Fatalf("export lacks the dataset: %.200s", b)
	}
}

func TestCitationIsLocalized(t *testing.T) {
	s := data.Source{Publisher: "Reuters", Title: "Musk sues OpenAI", Date: "2024-03-01", URL: "https://example.com/a"}
	if got := Citation(i18n.Must(data.EN), s); got != "Reuters, “Musk sues OpenAI”, March 1, 2024. https://example.com/a" {
		t.Errorf("EN citation %q", got)
	}
	if got := Citation(i18n.Must(data.DE), s); got != "Reuters: „Musk sues OpenAI“, 1.\u00a0März 2024. https://example.com/a" {
		t.Errorf("DE citation %q", got)
	}
}
