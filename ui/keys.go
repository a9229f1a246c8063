package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// KeyHelp lists every key of the main window as (keys, what they do) in the
// current language: Help → Keyboard shortcuts shows it.
func (m *Main) KeyHelp() [][2]string {
	loc := m.S.Loc
	mod := loc.T("keys.ctrl")
	rows := [][2]string{
		{"← →", loc.T("keys.step")},
		{"↑ ↓", loc.T("keys.list_step")},
		{loc.T("keys.page_up_down"), loc.T("keys.step")},
		{loc.T("keys.home_end"), loc.T("keys.first_last")},
		{"+ −", loc.T("keys.zoom")},
		{mod + "+= " + mod + "+−", loc.T("keys.zoom")},
		{mod + "+0", loc.T("keys.fit_all")},
		{loc.T("keys.enter"), loc.T("keys.reader")},
		{mod + "+R", loc.T("keys.reader")},
		{loc.T("keys.esc"), loc.T("keys.clear_selection")},
		{mod + "+F", loc.T("keys.search")},
		{loc.T("keys.enter_in_search"), loc.T("keys.search_enter")},
		{mod + "+L", loc.T("keys.filter")},
		{mod + "+1 … " + mod + "+" + strconv.Itoa(max(len(m.tabs.Items), 1)), loc.T("keys.tabs")},
		{mod + "+P", loc.T("keys.handout")},
		{loc.T("keys.tab"), loc.T("keys.focus")},
		{loc.T("keys.wheel"), loc.T("keys.wheel_zoom")},
		{loc.T("keys.drag"), loc.T("keys.pan")},
		{loc.T("keys.double_click"), loc.T("keys.zoom_in_here")},
		{"F1", loc.T("keys.help")},
		{mod + "+Q", loc.T("keys.quit")},
	}
	for _, p := range m.panes {
		if kp, ok := p.(interface{ KeyHelp() [][2]string }); ok {
			rows = append(rows, kp.KeyHelp()...)
		}
	}
	return rows
}

// ShowKeys shows the keyboard shortcuts.
func (m *Main) ShowKeys() {
	rows := m.KeyHelp()
	grid := container.New(&twoColumns{})
	for _, r := range rows {
		k := widget.NewLabel(r[0])
		k.TextStyle.Bold = true
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(v)
	}
	loc := m.S.Loc
	d := dialog.NewCustom(loc.T("keys.title"), loc.T("about.close"), container.NewVScroll(grid), m.S.Win)
	size := m.S.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(720, size.Width-40), min(640, size.Height-40)))
	d.Show()
	m.S.closeOnEsc(d.Hide)
}

// twoColumns lays out pairs of objects as rows: the first column as wide as
// its widest item, the second taking the rest (wrapping labels wrap there).
type twoColumns struct{}

func (twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w0, h := float32(0), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		w0 = max(w0, objs[i].MinSize().Width)
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
	}
	return fyne.NewSize(w0+200, h)
}

func (twoColumns) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	w0 := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		w0 = max(w0, objs[i].MinSize().Width)
	}
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		objs[i+1].Resize(fyne.NewSize(s.Width-w0, objs[i+1].MinSize().Height))
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(w0, h))
		objs[i+1].Move(fyne.NewPos(w0, y))
		objs[i+1].Resize(fyne.NewSize(s.Width-w0, h))
		y += h
	}
}
