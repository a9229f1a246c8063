package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
)

// Swatch is a marker of a category colour and status shape, as on the
// timeline, for legends, lists and the detail pane. It can be restyled in
// place (list rows reuse it).
type Swatch struct {
	widget.BaseWidget
	cat  data.Category
	st   data.Status
	size float32
}

// NewSwatch returns a swatch of the given size.
func NewSwatch(c data.Category, s data.Status, size float32) *Swatch {
	w := &Swatch{cat: c, st: s, size: size}
	w.ExtendBaseWidget(w)
	return w
}

// SetStyle changes category and status.
func (w *Swatch) SetStyle(c data.Category, s data.Status) {
	if c == w.cat && s == w.st {
		return
	}
	w.cat, w.st = c, s
	w.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (w *Swatch) CreateRenderer() fyne.WidgetRenderer {
	r := &swatchRenderer{w: w, circle: canvas.NewCircle(color.Transparent), poly: &canvas.Polygon{}}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	w      *Swatch
	circle *canvas.Circle
	poly   *canvas.Polygon
}

func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.circle, r.poly} }
func (r *swatchRenderer) Destroy()                     {}
func (r *swatchRenderer) MinSize() fyne.Size           { return fyne.NewSquareSize(r.w.size) }

func (r *swatchRenderer) Layout(s fyne.Size) {
	side := min(s.Width, s.Height, r.w.size)
	pos := fyne.NewPos((s.Width-side)/2, (s.Height-side)/2)
	for _, o := range []fyne.CanvasObject{r.circle, r.poly} {
		o.Move(pos)
		o.Resize(fyne.NewSquareSize(side))
	}
}

func (r *swatchRenderer) Refresh() {
	outline := withAlpha(r.w.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant()), 0x60)
	lk := markerLook(CategoryColor(r.w.cat), StatusShape(r.w.st), 0, outline)
	lk.apply(r.circle, r.poly)
}

// NewLegend explains category colours and claim-status shapes.
func NewLegend(loc *i18n.Localizer) fyne.CanvasObject {
	item := func(sw fyne.CanvasObject, label string) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.SizeName = theme.SizeNameCaptionText
		return container.NewHBox(container.NewCenter(sw), l)
	}
	cats := container.New(layout.NewRowWrapLayout())
	for _, c := range data.Categories {
		cats.Add(item(NewSwatch(c, data.StFact, 14), loc.T("category."+string(c))))
	}
	sts := container.New(layout.NewRowWrapLayout())
	for _, s := range data.Statuses {
		sts.Add(item(NewSwatch(data.CatGovernance, s, 14), loc.T("status."+string(s))))
	}
	return container.NewVBox(cats, sts)
}
