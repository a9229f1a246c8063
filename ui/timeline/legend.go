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

// Swatch draws a marker of a category colour and status shape, as on the timeline.
func Swatch(c data.Category, s data.Status, size float32) fyne.CanvasObject {
	sh := StatusShape(s)
	col := CategoryColor(c)
	fg := theme.Color(theme.ColorNameForeground)
	var obj fyne.CanvasObject
	if sh.Sides == 0 {
		ci := canvas.NewCircle(col)
		ci.StrokeColor, ci.StrokeWidth = withAlpha(fg, 0x60), 1
		if sh.Hollow {
			ci.FillColor, ci.StrokeColor, ci.StrokeWidth = color.Transparent, col, 2.5
		}
		obj = ci
	} else {
		p := &canvas.Polygon{FillColor: col, StrokeColor: withAlpha(fg, 0x60), StrokeWidth: 1, Sides: sh.Sides, Angle: sh.Angle}
		if sh.Hollow {
			p.FillColor, p.StrokeColor, p.StrokeWidth = color.Transparent, col, 2.5
		}
		obj = p
	}
	return container.NewGridWrap(fyne.NewSquareSize(size), obj)
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
		cats.Add(item(Swatch(c, data.StFact, 12), loc.T("category."+string(c))))
	}
	sts := container.New(layout.NewRowWrapLayout())
	for _, s := range data.Statuses {
		sts.Add(item(Swatch(data.CatGovernance, s, 12), loc.T("status."+string(s))))
	}
	return container.NewVBox(cats, sts)
}
