package timeline

import (
	"image/color"

	"fyne.io/fyne/v2/canvas"

	"aitimeline/data"
)

// categoryColors is the Okabe–Ito palette, distinguishable with the common
// forms of colour blindness, in data.Categories order; public exchanges are a
// neutral grey rather than the palette's yellow, which read too close to the
// business orange and too faint on white.
var categoryColors = map[data.Category]color.NRGBA{
	data.CatGovernance:     {0x00, 0x72, 0xB2, 0xff}, // blue
	data.CatLegal:          {0xD5, 0x5E, 0x00, 0xff}, // vermillion
	data.CatProduct:        {0x00, 0x9E, 0x73, 0xff}, // bluish green
	data.CatBusiness:       {0xE6, 0x9F, 0x00, 0xff}, // orange
	data.CatInfrastructure: {0x56, 0xB4, 0xE9, 0xff}, // sky blue
	data.CatPolitics:       {0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	data.CatPublic:         {0x7A, 0x7A, 0x7A, 0xff}, // neutral grey: told apart from orange by everyone
}

// CategoryColor is the marker colour of a category.
func CategoryColor(c data.Category) color.NRGBA {
	if col, ok := categoryColors[c]; ok {
		return col
	}
	return color.NRGBA{0x99, 0x99, 0x99, 0xff}
}

// Shape is a marker shape; claim status is shown by shape so it survives
// printing in greyscale and colour blindness.
type Shape struct {
	Sides  uint    // 0 for a circle
	Angle  float32 // rotation in degrees
	Hollow bool
}

var statusShapes = map[data.Status]Shape{
	data.StFact:         {Sides: 0},
	data.StAnnouncement: {Sides: 4, Angle: 45},
	data.StStatement:    {Sides: 4},
	data.StDocument:     {Sides: 4, Angle: 45, Hollow: true},
	data.StAllegation:   {Sides: 3},
	data.StMotion:       {Sides: 3, Angle: 180},
	data.StRuling:       {Sides: 5},
	data.StVerdict:      {Sides: 6},
	data.StReport:       {Sides: 0, Hollow: true},
	data.StDisputed:     {Sides: 6, Hollow: true}, // not a diamond: told apart from a statement at a glance
}

// StatusShape is the marker shape of a claim status.
func StatusShape(s data.Status) Shape { return statusShapes[s] }

// shapeByNum holds the shapes by position in data.Statuses, for lookups
// without hashing in every frame.
var shapeByNum = func() []Shape {
	out := make([]Shape, len(data.Statuses))
	for i, st := range data.Statuses {
		out[i] = statusShapes[st]
	}
	return out
}()

// look is how one event's marker is drawn: the one definition the timeline's
// labels and bare markers and the legend's swatches share.
type look struct {
	shape        Shape
	fill, stroke color.Color
	sw, size     float32 // stroke width; box size of a circle (polygons get 2 px more)
}

// markerLook is the look of a marker: shape by claim status, fill and stroke
// by category (hollow shapes take the category colour as stroke), size by
// importance. outline is the theme's stroke colour for filled shapes.
func markerLook(cat color.Color, sh Shape, importance int, outline color.Color) look {
	lk := look{shape: sh, fill: cat, stroke: outline, sw: 1, size: markerPx}
	if sh.Hollow {
		lk.fill, lk.stroke, lk.sw = color.Transparent, cat, 2
	}
	if importance >= 5 {
		lk.size += 2
	}
	return lk
}

// box is the marker's drawn size: polygons look smaller than circles of the
// same box, so they get 2 px more.
func (lk look) box() float32 {
	if lk.shape.Sides == 0 {
		return lk.size
	}
	return lk.size + 2
}

// apply styles a circle and a polygon pair with the look, showing the one
// that draws it and hiding the other, and refreshing only what changed. It
// sets every field the looks differ in, so pooled objects never keep a
// previous event's style.
func (lk look) apply(c *canvas.Circle, p *canvas.Polygon) {
	if lk.shape.Sides == 0 {
		if c.FillColor != lk.fill || c.StrokeColor != lk.stroke || c.StrokeWidth != lk.sw {
			c.FillColor, c.StrokeColor, c.StrokeWidth = lk.fill, lk.stroke, lk.sw
			c.Refresh()
		}
		if p != nil {
			hide(p)
		}
		show(c)
		return
	}
	if p.FillColor != lk.fill || p.StrokeColor != lk.stroke || p.StrokeWidth != lk.sw || p.Sides != lk.shape.Sides || p.Angle != lk.shape.Angle {
		p.FillColor, p.StrokeColor, p.StrokeWidth, p.Sides, p.Angle = lk.fill, lk.stroke, lk.sw, lk.shape.Sides, lk.shape.Angle
		p.Refresh()
	}
	if c != nil {
		hide(c)
	}
	show(p)
}

// dimmed is the look of an event that is not a search hit.
func (lk look) dimmed() look {
	lk.fill, lk.stroke = fade(lk.fill), fade(lk.stroke)
	return lk
}

// fade makes a colour faint (a quarter of its opacity).
func fade(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	if a == 0 {
		return c
	}
	return color.NRGBA{uint8(r * 0xff / a), uint8(g * 0xff / a), uint8(b * 0xff / a), uint8(a >> 8 / 4)}
}

// Look is how an event's marker is drawn, for painters outside the widget
// (pictures, print): shape, fill, stroke and stroke width.
type Look struct {
	Shape        Shape
	Fill, Stroke color.Color
	StrokeWidth  float32
	Size         float32 // the box a circle fills; polygons get 2 px more
}

// MarkerOf is the look of a marker of category colour cat, claim-status shape
// sh and importance, with outline as the stroke of filled shapes: the same
// as the timeline draws.
func MarkerOf(cat color.Color, sh Shape, importance int, outline color.Color) Look {
	lk := markerLook(cat, sh, importance, outline)
	return Look{Shape: lk.shape, Fill: lk.fill, Stroke: lk.stroke, StrokeWidth: lk.sw, Size: lk.box()}
}
