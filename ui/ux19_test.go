package ui

// UX 19: small defects new users (a reader, a researcher, a teacher) met in
// earlier walkthroughs. Each test fails before its fix.

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// ux19Shot saves the window as a PNG in $AITIMELINE_SHOTS (if set), so the
// result can be looked at.
func ux19Shot(t *testing.T, img image.Image, name string) {
	t.Helper()
	dir := os.Getenv("AITIMELINE_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// The Notebook tab's filter bar stays put while the count's text changes
// ("45 entries" → "1 entry"): the search field, the choices and the
// starred check keep their places and sizes.
func TestUX19NotebookBarStaysPutWhenTheCountChanges(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		t.Run(string(lang), func(t *testing.T) {
			h := newNBHarness(t, lang)
			ids := make([]string, len(h.ds.Events))
			for i, e := range h.ds.Events {
				ids[i] = e.ID
			}
			if err := userdb.Synthesize(context.Background(), h.nb, 30, ids); err != nil {
				t.Fatal(err)
			}
			h.p.Load(false)
			h.ShowTab("notebook")
			h.flush()
			tab := h.p.tab
			drv := fyne.CurrentApp().Driver()
			type place struct {
				pos  fyne.Position
				size fyne.Size
			}
			places := func() []place {
				var out []place
				for _, o := range []fyne.CanvasObject{tab.text, tab.tag, tab.kind, tab.starred, tab.count} {
					out = append(out, place{drv.AbsolutePositionForObject(o), o.Size()})
				}
				return out
			}
			before, n0 := places(), tab.count.Text
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-notebook-bar-"+string(lang)+"-all.png")
			tab.tag.SetSelected("tag5")
			h.flush()
			after, n1 := places(), tab.count.Text
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-notebook-bar-"+string(lang)+"-one.png")
			if len(tab.Rows()) != 1 || n0 == n1 {
				t.Fatalf("the tag filter did not change the count: %q → %q (%d rows)", n0, n1, len(tab.Rows()))
			}
			names := []string{"search field", "tag choice", "kind choice", "starred check", "count"}
			for k := range before {
				if before[k] != after[k] {
					t.Errorf("%s moved when the count went from %q to %q: %+v → %+v", names[k], n0, n1, before[k], after[k])
				}
			}
			// The slot holds the widest count the tab may show, whole.
			wide := h.S.Loc.N("notebook.tab_count", countSlotMax)
			tab.count.SetText(wide)
			h.flush()
			if w, m := tab.count.Size().Width, tab.count.MinSize().Width; w < m {
				t.Errorf("the count slot (%v px) is narrower than %q (%v px)", w, wide, m)
			}
			if got := places(); got[0] != before[0] || got[3] != before[3] {
				t.Errorf("a six-digit count moved the bar: %+v → %+v", before, got)
			}
		})
	}
}
