package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
)

// TestPaneShots renders the Sources tab, the People tab with a person's
// card and the detail pane of a few events (in a tall window) on
// 100,000 synthetic events, in both languages at 100 % and 200 % text size,
// when AITIMELINE_PANE_SHOTS names a folder and AITIMELINE_BENCH_DIR holds
// synth-100000.db. It is for comparing the panes before and after a change
// of how they are built. It asserts nothing (a person compares the
// pictures) and is skipped without those variables.
func TestPaneShots(t *testing.T) {
	dir, bench := os.Getenv("AITIMELINE_PANE_SHOTS"), os.Getenv("AITIMELINE_BENCH_DIR")
	if dir == "" || bench == "" {
		t.Skip("set AITIMELINE_PANE_SHOTS=folder and AITIMELINE_BENCH_DIR")
	}
	st, err := data.Open(filepath.Join(bench, "synth-100000.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := test.NewTempApp(t)
	for _, lang := range []data.Lang{data.EN, data.DE} {
		for _, scale := range []float32{1, 2} {
			a.Settings().SetTheme(NewTheme(ThemeLight, scale))
			w := test.NewWindow(nil)
			q := NewTestRunner()
			m := NewMain(a, w, st, i18n.Must(lang), Options{Version: "shots", Runner: q.Runner})
			m.S.TL.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
			w.Resize(fyne.NewSize(1600, 900))
			q.Flush()
			name := func(s string) string {
				return filepath.Join(dir, string(lang)+"-"+map[float32]string{1: "100", 2: "200"}[scale]+"-"+s+".png")
			}
			shot := func(s string) {
				q.Flush()
				f, err := os.Create(name(s))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := png.Encode(f, w.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
			}
			m.ShowTab("sources")
			shot("sources")
			m.Sources.table.Select(widget.TableCellID{Row: 2, Col: 2})
			shot("sources-chosen")
			m.ShowTab("people")
			shot("people")
			m.People.Show(m.S.DS.People[3].ID)
			shot("person")
			m.ShowTab("timeline")
			// A tall window shows each event's whole detail pane.
			w.Resize(fyne.NewSize(1600, 2600))
			n := m.S.Idx.Len()
			for _, k := range []int{13, n / 2, n - 7} {
				m.Detail.show(k)
				q.Flush()
				shot("detail-" + strconv.Itoa(k))
			}
			w.Close()
		}
	}
}
