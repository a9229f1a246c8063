package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// The tests see the notebook's check at once (Flush waits for Later
// timers); TestIntegrityCheckComesAfterTheFirstLoad sets its own delay.
func init() { notebookCheckAfter = 0 }

// applyUntil applies queued results on the test's goroutine until cond
// holds, without waiting for pending Later timers as Flush does.
func (h *harness) applyUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case f := <-h.q.queue:
			f()
		case <-time.After(10 * time.Second):
			t.Fatal("timed out waiting for the window")
		}
	}
}

// laterPending reports whether a Later call of kind waits for its time.
func (h *harness) laterPending(kind string) bool {
	h.q.mu.Lock()
	defer h.q.mu.Unlock()
	return h.q.timers[kind] != nil
}

// TestIntegrityCheckComesAfterTheFirstLoad: a notebook that opens but has a
// damaged page is reported, not at once (the check would compete with the
// first frames), but notebookCheckAfter after the first load.
func TestIntegrityCheckComesAfterTheFirstLoad(t *testing.T) {
	nb := openDamagedNotebook(t)

	defer func(d time.Duration) { notebookCheckAfter = d }(notebookCheckAfter)
	notebookCheckAfter = 300 * time.Millisecond
	h := newHarness(t, data.EN)
	p := h.AttachNotebook(nb)
	h.applyUntil(t, func() bool { return p.loaded })
	if top := h.w.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a message right after the first load:\n%s", objectStrings(top))
	}
	if !h.laterPending("notebook-check") {
		t.Fatal("no check waits after the first load")
	}
	h.flush() // the timer, the check and its message
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the damaged notebook was not reported")
	}
	if txt := objectStrings(top); !strings.Contains(txt, "Checking your notebook found damage") {
		t.Errorf("message:\n%s", txt)
	}
}

// TestFirstLoadWithoutOwnEventsKeepsTheNumbering: a notebook without own
// events leaves the dataset's numbering and timeline data as they are (no
// new NewData and SetData at start); one with own events gets a new one.
func TestFirstLoadWithoutOwnEventsKeepsTheNumbering(t *testing.T) {
	for _, withOwn := range []bool{false, true} {
		h := newHarness(t, data.EN)
		view, td := h.S.View(), h.S.TD
		path := filepath.Join(t.TempDir(), "nb.db")
		nb, err := userdb.Open(context.Background(), path, userdb.Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		defer nb.Close()
		nb.SaveNote(context.Background(), userdb.EventTarget(h.ds.Events[3].ID), "a note", userdb.Label{})
		if withOwn {
			if _, err := nb.AddOwnEvent(context.Background(), testOwnEvent()); err != nil {
				t.Fatal(err)
			}
		}
		p := h.AttachNotebook(nb)
		h.flush()
		if !p.Annotated(h.ds.Events[3].ID) {
			t.Errorf("own=%v: the note's badge is missing", withOwn)
		}
		same := h.S.View() == view && h.S.TD == td
		if same == withOwn {
			t.Errorf("own=%v: numbering kept %v", withOwn, same)
		}
		if want := len(h.ds.Events) + map[bool]int{false: 0, true: 1}[withOwn]; h.S.Idx.Len() != want {
			t.Errorf("own=%v: %d events, want %d", withOwn, h.S.Idx.Len(), want)
		}
	}
}

// testOwnEvent is a valid own event.
func testOwnEvent() userdb.OwnEvent {
	return userdb.OwnEvent{Date: data.MustDate("2024-05-06"), Category: data.Categories[0], Title: data.Text{EN: "My own event"},
		Sources: []data.Source{{Publisher: "P", Title: "T", URL: "https://example.com/own"}}}
}

// TestNotebookGivenToNewMainIsAttachedWithTheOtherTabs: Options.Notebook
// gives the same window as AttachNotebook after NewMain (the same tabs in
// the same order, badges, own events, menu items), built in one go.
func TestNotebookGivenToNewMainIsAttachedWithTheOtherTabs(t *testing.T) {
	open := func() *userdb.Notebook {
		nb, err := userdb.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), userdb.Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { nb.Close() })
		if _, err := nb.AddOwnEvent(context.Background(), testOwnEvent()); err != nil {
			t.Fatal(err)
		}
		return nb
	}
	later := newHarness(t, data.EN)
	later.AttachNotebook(open())
	later.flush()
	early := newHarness(t, data.EN, Options{Version: "test", Notebook: open()})
	tabNames := func(h *harness) []string {
		var out []string
		for _, it := range h.Tabs().Items {
			out = append(out, it.Text)
		}
		return out
	}
	if got, want := strings.Join(tabNames(early), ","), strings.Join(tabNames(later), ","); got != want || !strings.Contains(got, "Notebook") {
		t.Errorf("tabs %s, want %s", got, want)
	}
	if early.Notebook == nil || !early.Notebook.loaded {
		t.Fatal("the notebook was not attached and loaded")
	}
	if early.S.Idx.Len() != later.S.Idx.Len() || early.S.Idx.Len() != len(early.ds.Events)+1 {
		t.Errorf("events %d, want %d", early.S.Idx.Len(), later.S.Idx.Len())
	}
	early.ShowTab("notebook")
	early.flush()
	if early.SelectedTab() != "notebook" || len(early.Notebook.tab.Rows()) != 1 {
		t.Errorf("notebook tab: %s, %d rows", early.SelectedTab(), len(early.Notebook.tab.Rows()))
	}
	if !strings.Contains(visibleStrings(early.w), "Add own event") {
		t.Errorf("no notebook menu items:\n%s", visibleStrings(early.w))
	}
}

// TestNotebookTabFilterChoosesFromBuiltRowsAndFollowsChanges: typing in the
// Notebook tab's filter is debounced and filters the rows built last (the
// notebook is not read again); a change of the notebook (a star, a note, a
// new own event) builds them again, and the filter in force applies to the
// new rows.
func TestNotebookTabFilterChoosesFromBuiltRowsAndFollowsChanges(t *testing.T) {
	a, b := "2015-12-11-openai-founded", "2018-02-20-musk-leaves-openai-board"
	h := newNBHarness(t, data.EN, func(nb *userdb.Notebook) {
		ctx := context.Background()
		nb.SaveNote(ctx, userdb.EventTarget(a), "museum visit planned", userdb.Label{})
		nb.SaveNote(ctx, userdb.EventTarget(b), "court papers", userdb.Label{})
	})
	h.ShowTab("notebook")
	h.flush()
	tab := h.p.tab
	if len(tab.Rows()) != 2 || len(tab.all) != 2 {
		t.Fatalf("rows %+v", tab.Rows())
	}
	built := &tab.all[0]

	defer func(d time.Duration) { notebookFilterAfter = d }(notebookFilterAfter)
	notebookFilterAfter = 200 * time.Millisecond
	for _, r := range "museum" {
		tab.text.TypedRune(r)
	}
	if !h.laterPending("notebook-tab-typing") || len(tab.Rows()) != 2 {
		t.Fatalf("filtered at once while typing: %d rows, pending %v", len(tab.Rows()), h.laterPending("notebook-tab-typing"))
	}
	h.flush()
	if rows := tab.Rows(); len(rows) != 1 || rows[0].target.ID != a {
		t.Fatalf("text filter: %+v", rows)
	}
	if &tab.all[0] != built {
		t.Error("a keystroke built the rows again")
	}
	tab.starred.SetChecked(true)
	h.flush()
	if len(tab.Rows()) != 0 || &tab.all[0] != built {
		t.Fatalf("starred filter: %d rows, rebuilt %v", len(tab.Rows()), &tab.all[0] != built)
	}
	// The notebook changes under the filters: the starred, matching event
	// is listed, with its star.
	h.p.setStar(a, true)
	h.flush()
	if rows := tab.Rows(); len(rows) != 1 || rows[0].target.ID != a || !rows[0].ann.Starred {
		t.Fatalf("after starring: %+v", rows)
	}
	tab.starred.SetChecked(false)
	tab.text.SetText("")
	h.flush()
	// A new own event and a new note show as rows, with their texts.
	own, err := h.nb.AddOwnEvent(context.Background(), testOwnEvent())
	if err != nil {
		t.Fatal(err)
	}
	h.p.Load(false)
	h.selectEvent(t, "2024-02-29-musk-sues-openai-state-court")
	h.p.editor.Edit()
	h.p.editor.entry.SetText("a fresh museum note")
	h.p.editor.saveNow()
	h.flush()
	got := map[string]string{}
	for _, r := range tab.Rows() {
		got[r.target.ID] = r.note
	}
	if _, ok := got[own.ID]; !ok || got["2024-02-29-musk-sues-openai-state-court"] != "a fresh museum note" || len(got) != 4 {
		t.Errorf("rows after an own event and a note: %v", got)
	}
	tab.text.SetText("museum")
	h.flush()
	if rows := tab.Rows(); len(rows) != 2 {
		t.Errorf("text filter after the changes: %+v", rows)
	}
}

// openDamagedNotebook opens a notebook of 400 notes with a page in its
// middle overwritten: it opens (the page is not read at open; the test is
// skipped if it is) and only the integrity check finds the damage.
func openDamagedNotebook(t *testing.T) *userdb.Notebook {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	nb, err := userdb.Open(ctx, path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 400; i++ {
		if _, err := nb.SaveNote(ctx, userdb.PersonTarget(fmt.Sprintf("person-%d", i)), strings.Repeat("words ", 100), userdb.Label{}); err != nil {
			t.Fatal(err)
		}
	}
	nb.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := len(raw) / 4096 / 2 * 4096
	copy(raw[page:], bytes.Repeat([]byte{0xff}, 12))
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	nb, err = userdb.Open(ctx, path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if nb.Info().MovedAside != "" {
		t.Skip("this page happens to be read at open")
	}
	t.Cleanup(func() { nb.Close() })
	return nb
}
