package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
	_ "aitimeline/i18n/localeenv" // quiet Fyne under LANG=C
)

// harness is a main window on the bundled dataset whose queries run on
// goroutines and land on the test's goroutine at Flush, as they land on the
// UI goroutine in the app.
type harness struct {
	*Main
	w  fyne.Window
	a  fyne.App
	ds *data.Dataset
	q  *TestRunner
}

func newHarness(t *testing.T, lang data.Lang, opts ...Options) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.OpenEmbedded(assets.Dataset, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ds, err := st.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	q := NewTestRunner()
	opt := Options{Version: "test"}
	if len(opts) > 0 {
		opt = opts[0]
	}
	opt.Runner = q.Runner
	m := NewMain(a, w, st, i18n.Must(lang), opt)
	t.Cleanup(func() {
		if !m.closing { // the test may have closed it
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(1280, 800))
	h := &harness{Main: m, w: w, a: a, ds: ds, q: q}
	h.flush()
	return h
}

func (h *harness) flush() { h.q.Flush() }

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
		case *widget.Hyperlink:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *hlText:
			b.WriteString(x.String() + "\n")
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

func (h *harness) detailText() string { return objectStrings(h.Detail.root) }

func TestLanguageSwitchAtRuntime(t *testing.T) {
	h := newHarness(t, data.EN)
	tl := h.S.TL
	tl.Zoom(3)
	sel := len(h.ds.Events) / 2
	tl.SelectAndReveal(sel)
	h.flush()
	view := tl.Viewport()
	ev := h.ds.Events[sel]

	en := visibleStrings(h.w)
	for _, want := range []string{"File", "Language", "Zoom in", "Search events", ev.Title.EN, "Sources", "Legend"} {
		if !strings.Contains(en, want) {
			t.Errorf("English window lacks %q", want)
		}
	}
	h.SetLang(data.DE)
	h.flush()
	de := visibleStrings(h.w)
	for _, want := range []string{"Datei", "Sprache", "Vergrößern", "durchsuchen", ev.Title.DE, "Quellen", "Legende"} {
		if !strings.Contains(de, want) {
			t.Errorf("German window lacks %q", want)
		}
	}
	for _, gone := range []string{"Zoom in", "Search events", "\nSources\n", ev.Title.EN + "\n"} {
		if ev.Title.EN != ev.Title.DE && strings.Contains(de, gone) {
			t.Errorf("German window still shows %q", gone)
		}
	}
	if h.w.Title() != "Zeitleiste des KI-Konflikts" {
		t.Errorf("window title %q", h.w.Title())
	}
	if tl.Viewport() != view || tl.Selected() != sel {
		t.Errorf("switch lost the view: %v/%d -> %v/%d", view, sel, tl.Viewport(), tl.Selected())
	}
	if got := h.a.Preferences().String(PrefLang); got != "de" {
		t.Errorf("language preference = %q", got)
	}
}

func TestListTwinFollowsTimeline(t *testing.T) {
	h := newHarness(t, data.EN)
	tl := h.S.TL
	tl.FitAll()
	if all := len(h.List.Rows()); all != len(h.ds.Events) {
		t.Fatalf("whole view lists %d of %d events", all, len(h.ds.Events))
	}
	tl.ShowRange(tl.Data().T[10], tl.Data().T[30])
	h.flush() // the list follows a gesture with a short delay
	rows := h.List.Rows()
	if len(rows) == 0 || rows[0] > 10 || len(rows) > 30 {
		t.Fatalf("window of events 10..29 lists %d rows from %d", len(rows), rows[0])
	}
	// Selecting in the list selects on the timeline and shows the detail.
	h.List.Widget().Select(5)
	h.flush()
	if tl.Selected() != rows[5] {
		t.Fatalf("list row 5 selected event %d on the timeline, want %d", tl.Selected(), rows[5])
	}
	if !strings.Contains(h.detailText(), h.ds.Events[rows[5]].Title.EN) {
		t.Fatal("detail pane does not show the selected event")
	}
	// Selecting on the timeline moves the detail pane.
	// At once it shows what the index knows (never the previous event);
	// the summary is read off the UI goroutine and follows.
	tl.Select(rows[7])
	ev := h.ds.Events[rows[7]]
	if txt := h.detailText(); !strings.Contains(txt, ev.Title.EN) || strings.Contains(txt, h.ds.Events[rows[5]].Title.EN) {
		t.Fatalf("right after the selection the pane does not show the new event's title:\n%s", txt)
	}
	if strings.Contains(h.detailText(), ev.Summary.EN) {
		t.Fatal("the detail was read on the UI goroutine, not off it")
	}
	h.flush()
	if !strings.Contains(h.detailText(), ev.Summary.EN) {
		t.Fatal("detail pane did not follow the timeline")
	}
}

func TestListFollowsWindowResize(t *testing.T) {
	h := newHarness(t, data.EN)
	tl := h.S.TL
	tl.ShowRange(tl.Data().T[40], tl.Data().T[60])
	h.flush()
	before := len(h.List.Rows())
	span := tl.Viewport().Span()
	// A wider window shows more time at the same scale: the list must follow.
	h.w.Resize(fyne.NewSize(2400, 800))
	h.flush()
	if tl.Viewport().Span() <= span*1.2 {
		t.Fatalf("a wider window did not show more time: %v -> %v", span, tl.Viewport().Span())
	}
	lo, hi, _ := h.S.Window()
	if got := len(h.List.Rows()); got != hi-lo || got < before {
		t.Fatalf("after widening the list shows %d rows, the window %d events (before %d)", got, hi-lo, before)
	}
	// A zero width (a minimised window on some systems) keeps the zoom.
	v := tl.Viewport()
	tl.Resize(fyne.NewSize(0, 300))
	if tl.Viewport() != v {
		t.Fatalf("width 0 changed the window: %v -> %v", v, tl.Viewport())
	}
}

func TestSearchAnyInputAndStatus(t *testing.T) {
	h := newHarness(t, data.DE)
	for _, q := range []string{"Klage", "Gründung", "Gruendung", `"`, `NEAR(`, `a OR -b *`, `)(`, strings.Repeat("x", 10000), `"Musk" AND "Altman"`} {
		h.Search.Entry().SetText(q)
		h.flush()
	}
	h.Search.Entry().SetText("Klage")
	h.flush()
	n := len(h.List.Rows())
	if n == 0 || !h.List.Hits() {
		t.Fatal("Klage found nothing")
	}
	if !strings.Contains(h.S.Status.Text(), "Treffer") {
		t.Fatalf("status %q does not count the hits", h.S.Status.Text())
	}
	if h.S.TL.Marked() == nil {
		t.Fatal("hits are not marked on the timeline")
	}
	h.Search.Entry().SetText("Gruendung")
	h.flush()
	g := len(h.List.Rows())
	h.Search.Entry().SetText("Gründung")
	h.flush()
	if g == 0 || len(h.List.Rows()) != g {
		t.Fatalf("umlaut folding: %d vs %d", g, len(h.List.Rows()))
	}
	h.Search.Entry().SetText("qqqzzzxxx")
	h.flush()
	if len(h.List.Rows()) != 0 || h.S.Status.Text() != "Keine Treffer." {
		t.Fatalf("no-hit search: %d rows, status %q", len(h.List.Rows()), h.S.Status.Text())
	}
	// Clearing the search restores the window's events and clears the status.
	h.Search.Entry().SetText("Klage")
	h.flush()
	h.Search.Entry().SetText("")
	h.flush()
	lo, hi, _ := h.S.Window()
	if h.List.Hits() || len(h.List.Rows()) != hi-lo || h.S.Status.Text() != "" || h.S.TL.Marked() != nil {
		t.Fatalf("cleared search: hits %v, %d rows (window %d), status %q", h.List.Hits(), len(h.List.Rows()), hi-lo, h.S.Status.Text())
	}
}

func TestEnterActsOnTheTextInTheField(t *testing.T) {
	h := newHarness(t, data.EN)
	e := h.Search.Entry()
	e.SetText("xAI")
	h.flush()
	// Type another query and press Enter at once, before its hits arrive.
	e.SetText("verdict")
	e.OnSubmitted(e.Text)
	if h.S.TL.Selected() >= 0 {
		t.Fatalf("Enter selected %d from the previous query's hits", h.S.TL.Selected())
	}
	h.flush()
	sel := h.S.TL.Selected()
	if sel < 0 {
		t.Fatal("Enter did nothing once the hits arrived")
	}
	if rows := h.List.Rows(); len(rows) == 0 || rows[0] != sel {
		t.Fatalf("Enter selected %d, the best hit of “verdict” is %v", sel, rows)
	}
	// The selected event is in view and has its label on the timeline.
	v := h.S.TL.Viewport()
	if et := h.S.TD.T[sel]; et < v.Start || et >= v.End || !h.S.TL.Labelled(sel) {
		t.Fatalf("selected event not shown: in window %v, labelled %v", et >= v.Start && et < v.End, h.S.TL.Labelled(sel))
	}
}

func TestEnterOpensAMatchingPerson(t *testing.T) {
	h := newHarness(t, data.DE)
	e := h.Search.Entry()
	e.SetText("Zilis")
	h.flush()
	if !strings.Contains(objectStrings(h.Search.People()), "Shivon Zilis") {
		t.Fatalf("Zilis offers no person: %q", objectStrings(h.Search.People()))
	}
	e.OnSubmitted(e.Text)
	h.flush()
	if h.SelectedTab() != "people" || h.People.Person() != "shivon-zilis" {
		t.Fatalf("Enter: tab %s, person %q", h.SelectedTab(), h.People.Person())
	}
}

func TestFilterAppliedWhileSearchPendingCounts(t *testing.T) {
	h := newHarness(t, data.DE)
	h.Search.Entry().SetText("Musk")
	// The filter changes before the hits arrive.
	h.Filters.Set(Filter{Categories: map[data.Category]bool{data.CatLegal: true}})
	h.flush()
	rows := h.List.Rows()
	if len(rows) == 0 {
		t.Fatal("no legal hits for Musk")
	}
	for _, i := range rows {
		if h.ds.Events[i].Category != data.CatLegal {
			t.Fatalf("hit %s is not legal: the old filter was used", h.ds.Events[i].ID)
		}
	}
}

func TestFilterFitsTheViewAndCounts(t *testing.T) {
	h := newHarness(t, data.EN)
	f := Filter{Categories: map[data.Category]bool{data.CatLegal: true}, Organizations: map[string]bool{"openai": true},
		From: data.MustDate("2025"), To: data.MustDate("2025")}
	h.Filters.Set(f)
	h.flush()
	matched := h.S.Matched()
	if len(matched) < 3 {
		t.Fatalf("only %d legal OpenAI events in 2025", len(matched))
	}
	v := h.S.TL.Viewport()
	first, last := h.S.TD.T[matched[0]], h.S.TD.T[matched[len(matched)-1]]
	if first < v.Start || last >= v.End || v.Span() > 1.5*(last-first)+30*86400 {
		t.Fatalf("view %v..%v does not fit the matches %v..%v", v.Start, v.End, first, last)
	}
	if want := i18n.Must(data.EN).N("events.count", len(matched)); !strings.Contains(objectStrings(h.Filters.Bar()), want) {
		t.Fatalf("filter bar lacks %q: %q", want, objectStrings(h.Filters.Bar()))
	}
	// "All" shows all that match, not the whole timeline.
	h.S.TL.FitAll()
	h.Filters.FitAll()
	if h.S.TL.Viewport() != v {
		t.Fatalf("All: %v, want the matches' fit %v", h.S.TL.Viewport(), v)
	}
	// After the reader zooms, a new filter leaves the view alone.
	h.S.TL.Zoom(2)
	zoomed := h.S.TL.Viewport()
	f.Statuses = map[data.Status]bool{data.StRuling: true}
	h.Filters.Set(f)
	if h.S.TL.Viewport() != zoomed {
		t.Fatal("a filter change moved the view the reader had zoomed")
	}
}

func TestFilterDialogDates(t *testing.T) {
	h := newHarness(t, data.DE)
	h.Filters.ShowDialog()
	h.Filters.dialogFrom.SetText("1.1.2025")
	h.Filters.dialogTo.SetText("32.13.2025")
	h.Filters.dialogApply()
	if f := h.S.Filter(); f.Active() {
		t.Fatal("an invalid date was dropped and the filter applied")
	}
	if !h.Filters.dialogProblem.Visible() || !strings.Contains(h.Filters.dialogProblem.Text, "32.13.2025") {
		t.Fatalf("no message names the bad date: %q", h.Filters.dialogProblem.Text)
	}
	h.Filters.dialogTo.SetText("31.3.2025")
	h.Filters.dialogApply()
	f := h.S.Filter()
	if f.From != data.MustDate("2025-01-01") || f.To != data.MustDate("2025-03-31") {
		t.Fatalf("German dates: %v..%v", f.From, f.To)
	}
}

func TestCloseDoesNotWaitForQueries(t *testing.T) {
	h := newHarness(t, data.EN)
	started, cancelled := make(chan struct{}), make(chan struct{})
	h.S.Q.Run("slow", func(ctx context.Context) func() {
		close(started)
		<-ctx.Done() // a query that only ends when cancelled
		close(cancelled)
		return func() { t.Error("a cancelled query's result was applied") }
	})
	<-started
	h.S.TL.Zoom(4)
	h.hsplit.Offset = 0.3
	done := make(chan struct{})
	go func() {
		// File → Quit takes the same path as the close button.
		for _, it := range h.w.MainMenu().Items[0].Items {
			if it.IsQuit {
				it.Action()
			}
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("quitting waited for a running query")
	}
	select {
	case <-cancelled:
	case <-time.After(2 * time.Second):
		t.Fatal("quitting did not cancel the running query")
	}
	h.flush()
	p := h.a.Preferences()
	if p.Float(PrefWidth) != 1280 || p.Float("layout.list_detail") != 0.3 {
		t.Fatalf("Quit did not save the layout: width %v, split %v", p.Float(PrefWidth), p.Float("layout.list_detail"))
	}
}

func TestTabsAreBuiltOnceAndKeepState(t *testing.T) {
	h := newHarness(t, data.EN)
	ppl := h.People.Tab().Content
	h.ShowTab("people")
	h.People.search.SetText("Alt")
	h.ShowTab("sources")
	if n := len(h.Sources.Rows()); n != 0 {
		t.Fatalf("sources arrived before the query ran: the tab read them on the UI goroutine (%d)", n)
	}
	h.flush()
	if len(h.Sources.Rows()) < 100 {
		t.Fatalf("sources table has %d rows", len(h.Sources.Rows()))
	}
	h.Sources.sortCol, h.Sources.desc = srcEvents, true
	h.Sources.apply()
	h.flush()
	top := h.Sources.Rows()[0]
	h.ShowTab("timeline")
	h.ShowTab("people")
	h.ShowTab("sources")
	if h.People.Tab().Content != ppl || h.People.search.Text != "Alt" {
		t.Fatal("the People tab was rebuilt and lost its search")
	}
	if h.Sources.Rows()[0] != top || h.Sources.sortCol != srcEvents {
		t.Fatal("the Sources tab lost its sort order")
	}
	for _, s := range h.Sources.Rows()[1:5] {
		if s.Citations > top.Citations {
			t.Fatal("not sorted by citing events, descending")
		}
	}
}

func TestNavigationBetweenViews(t *testing.T) {
	h := newHarness(t, data.EN)
	musk := -1
	for i, e := range h.ds.Events {
		if len(e.People) > 0 && e.People[0].PersonID == "elon-musk" {
			musk = i
			break
		}
	}
	h.S.TL.Select(musk)
	h.flush()
	h.S.ShowPerson("elon-musk")
	h.flush()
	if h.SelectedTab() != "people" || !strings.Contains(objectStrings(h.People.profile), "Show their events on the timeline") || len(h.People.events) == 0 {
		t.Fatal("People tab did not open on Musk's profile with his events")
	}
	h.S.Reveal(musk + 1)
	h.flush()
	if h.SelectedTab() != "timeline" || h.S.TL.Selected() != musk+1 {
		t.Fatalf("Reveal: tab %s, selected %d", h.SelectedTab(), h.S.TL.Selected())
	}
	h.ShowTab("sources")
	h.flush()
	if !strings.Contains(h.Sources.summary.Text, "Events with one source") {
		t.Fatalf("Sources tab lacks its summary: %q", h.Sources.summary.Text)
	}
}

func TestDetailShowsBothSidesBeforeSources(t *testing.T) {
	h := newHarness(t, data.EN)
	i := -1
	for k, e := range h.ds.Events {
		if len(e.Accounts) >= 2 && len(e.Sources) > 0 {
			i = k
			break
		}
	}
	h.S.TL.SelectAndReveal(i)
	h.flush()
	txt := h.detailText()
	acc := strings.Index(txt, "Each side's account")
	src := strings.Index(txt, "\nSources\n")
	if acc < 0 || src < 0 || acc > src {
		t.Fatalf("accounts at %d, sources at %d", acc, src)
	}
	ev := h.ds.Events[i]
	if !strings.Contains(txt, Domain(ev.Sources[0].URL)) {
		t.Fatalf("the source's domain %q is not shown", Domain(ev.Sources[0].URL))
	}
}

func TestDividerStaysWithLongTexts(t *testing.T) {
	h := newHarness(t, data.DE)
	h.hsplit.Offset = 0.5
	h.hsplit.Refresh()
	listW := h.List.Widget().Size().Width
	for i := range h.ds.Events {
		if i%40 != 0 {
			continue
		}
		h.S.TL.Select(i)
		h.flush()
		if h.hsplit.Offset != 0.5 || h.List.Widget().Size().Width < listW-1 {
			t.Fatalf("event %s moved the divider: offset %v, list width %v -> %v", h.ds.Events[i].ID, h.hsplit.Offset, listW, h.List.Widget().Size().Width)
		}
	}
	h.ShowTab("people")
	h.S.ShowPerson("elon-musk")
	h.flush()
	if w := h.People.profile.MinSize().Width; w > 500 {
		t.Fatalf("the profile needs %v px: long texts do not wrap", w)
	}
}

func TestExportScopes(t *testing.T) {
	h := newHarness(t, data.EN)
	dir := t.TempDir()
	h.Filters.Set(Filter{Categories: map[data.Category]bool{data.CatLegal: true}})
	n, err := h.Export.Export(filepath.Join(dir, "f.csv"), "csv", ScopeFiltered)(context.Background())
	if err != nil || n != len(h.S.Matched()) {
		t.Fatalf("filtered export: %d events, %v; want %d", n, err, len(h.S.Matched()))
	}
	b, _ := os.ReadFile(filepath.Join(dir, "f.csv"))
	if !strings.Contains(string(b), "source_titles,source_publishers") {
		t.Fatal("CSV lacks source titles and publishers")
	}
	all, _ := h.Export.Export(filepath.Join(dir, "a.json"), "json", ScopeAll)(context.Background())
	if all != len(h.ds.Events) || len(exportedIDs(t, filepath.Join(dir, "a.json"))) != all {
		t.Fatalf("all: %d events of %d", all, len(h.ds.Events))
	}
	// Visible: exactly the events whose date is in the window, with and
	// without the filter (then only the ones it keeps).
	h.S.TL.ShowRange(h.S.TD.T[len(h.ds.Events)/4], h.S.TD.T[len(h.ds.Events)/2])
	v := h.S.TL.Viewport()
	for _, filtered := range []bool{true, false} {
		if !filtered {
			h.Filters.Set(Filter{})
			h.S.TL.SetViewport(v)
		}
		var want []string
		for i, e := range h.ds.Events {
			if t0 := h.S.TD.T[i]; t0 >= v.Start && t0 < v.End && (!filtered || e.Category == data.CatLegal) {
				want = append(want, e.ID)
			}
		}
		out := filepath.Join(dir, fmt.Sprintf("v%v.json", filtered))
		vis, err := h.Export.Export(out, "json", ScopeVisible)(context.Background())
		if got := exportedIDs(t, out); err != nil || vis != len(want) || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("visible (filtered %v): %d events %v, %v; want %d %v", filtered, vis, got, err, len(want), want)
		}
		if len(want) < 5 || len(want) == all {
			t.Fatalf("setup: %d events in the window", len(want))
		}
	}
	// A cancelled export leaves an existing file untouched.
	keep := filepath.Join(dir, "keep.json")
	os.WriteFile(keep, []byte("precious"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Export.Export(keep, "json", ScopeAll)(ctx); err == nil {
		t.Fatal("a cancelled export succeeded")
	}
	if b, _ := os.ReadFile(keep); string(b) != "precious" {
		t.Fatal("a cancelled export overwrote the file")
	}
}

func TestOpenSourceURLRefusesOtherSchemes(t *testing.T) {
	a := test.NewTempApp(t)
	loc := i18n.Must(data.DE)
	st := newStatus()
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://example.com"} {
		err := OpenSourceURL(a, nil, loc, st, bad)
		if err == nil || !strings.Contains(err.Error(), "nicht geöffnet") {
			t.Errorf("%s: %v", bad, err)
		}
	}
	if err := OpenSourceURL(a, nil, loc, st, "https://www.openai.com/x"); err != nil {
		t.Errorf("https refused: %v", err)
	}
	if !strings.Contains(st.Text(), "openai.com") {
		t.Errorf("status %q does not say where the link goes", st.Text())
	}
}

func TestAboutShowsVersions(t *testing.T) {
	h := newHarness(t, data.EN)
	about := h.AboutText()
	asOf := i18n.Must(data.EN).Date(h.ds.Meta.AsOf)
	for _, want := range []string{"Version test", h.ds.Meta.Version, asOf} {
		if !strings.Contains(about, want) {
			t.Errorf("about lacks %q: %s", want, about)
		}
	}
}

func TestCitationIsLocalized(t *testing.T) {
	s := data.Source{Publisher: "Reuters", Title: "Musk sues OpenAI", Date: "2024-03-01", URL: "https://example.com/a"}
	acc := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	en := Citation(i18n.Must(data.EN), s, acc)
	if !strings.HasPrefix(en, "Reuters, “Musk sues OpenAI”, March") || !strings.Contains(en, "https://example.com/a (accessed November") || !strings.Contains(en, "30, 2026)") {
		t.Errorf("EN citation %q", en)
	}
	de := Citation(i18n.Must(data.DE), s, acc)
	if !strings.HasPrefix(de, "Reuters: „Musk sues OpenAI“, 1.") || !strings.Contains(de, "(abgerufen am 30.") {
		t.Errorf("DE citation %q", de)
	}
}

func TestKeysWorkWithoutClickingTheTimeline(t *testing.T) {
	h := newHarness(t, data.EN)
	c := h.w.Canvas()
	c.Unfocus()
	before := h.S.TL.Selected()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyHome})
	if h.S.TL.Selected() == before || h.S.TL.Selected() != 0 {
		t.Fatalf("Home with nothing focused selected %d", h.S.TL.Selected())
	}
	if rows := h.KeyHelp(); len(rows) < 15 {
		t.Fatalf("keyboard help lists %d keys", len(rows))
	}
}

// exportedIDs reads the event IDs of a JSON export, in file order.
func exportedIDs(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Events []struct {
			ID string `json:"id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range doc.Events {
		ids = append(ids, e.ID)
	}
	return ids
}
