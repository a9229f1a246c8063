package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Image is a picture being painted at a scale (2 draws every pixel twice as
// wide and high, for slides and print).
type Image struct {
	Dst   *image.RGBA
	Scale float32
	fonts *Fonts
}

// NewImage returns a w×h (in Fyne units) picture at scale, filled with bg.
func NewImage(w, h, scale float32, bg color.Color, fonts *Fonts) *Image {
	if scale <= 0 {
		scale = 1
	}
	dst := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(float64(w*scale))), int(math.Ceil(float64(h*scale)))))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return &Image{Dst: dst, Scale: scale, fonts: fonts}
}

func (im *Image) s(v float32) float64 { return float64(v * im.Scale) }

func (im *Image) scanner() *rasterx.ScannerGV {
	b := im.Dst.Bounds()
	return rasterx.NewScannerGV(b.Dx(), b.Dy(), im.Dst, b)
}

// Objects paints canvas objects at offset (in Fyne units): the visible ones,
// in order, as Fyne would (later objects on top). Containers are walked;
// other widgets are left out (the app's own renderers list their objects).
func (im *Image) Objects(objs []fyne.CanvasObject, offset fyne.Position) {
	for _, o := range objs {
		if o == nil || !o.Visible() {
			continue
		}
		pos := offset.Add(o.Position())
		switch x := o.(type) {
		case *canvas.Rectangle:
			im.Rect(pos, x.Size(), x.FillColor, x.StrokeColor, x.StrokeWidth, x.CornerRadius)
		case *canvas.Line:
			im.Line(offset.Add(x.Position1), offset.Add(x.Position2), x.StrokeColor, x.StrokeWidth)
		case *canvas.Circle:
			im.Circle(pos, x.Size(), x.FillColor, x.StrokeColor, x.StrokeWidth)
		case *canvas.Polygon:
			im.Polygon(pos, x.Size(), x.Sides, x.Angle, x.FillColor, x.StrokeColor, x.StrokeWidth)
		case *canvas.Text:
			im.Text(pos, x.Size(), x.Text, x.TextSize, x.TextStyle, x.Color, x.Alignment)
		case *canvas.Raster:
			im.Raster(pos, x.Size(), x)
		case *fyne.Container:
			im.Objects(x.Objects, pos)
		}
	}
}

func (im *Image) fill(col color.Color, path func(rasterx.Adder)) {
	if col == nil {
		return
	}
	if _, _, _, a := col.RGBA(); a == 0 {
		return
	}
	b := im.Dst.Bounds()
	f := rasterx.NewFiller(b.Dx(), b.Dy(), im.scanner())
	f.SetColor(col)
	path(f)
	f.Draw()
}

func (im *Image) stroke(col color.Color, width float32, path func(rasterx.Adder)) {
	if col == nil || width <= 0 {
		return
	}
	if _, _, _, a := col.RGBA(); a == 0 {
		return
	}
	b := im.Dst.Bounds()
	d := rasterx.NewDasher(b.Dx(), b.Dy(), im.scanner())
	d.SetColor(col)
	d.SetStroke(fixed.Int26_6(im.s(width)*64), 0, nil, nil, nil, 0, nil, 0)
	path(d)
	d.Draw()
}

// Rect paints a rectangle with optional round corners and border.
func (im *Image) Rect(pos fyne.Position, size fyne.Size, fill, strokeCol color.Color, strokeW, radius float32) {
	x, y, w, h := im.s(pos.X), im.s(pos.Y), im.s(size.Width), im.s(size.Height)
	r := math.Min(im.s(radius), math.Min(w, h)/2)
	path := func(a rasterx.Adder) {
		if r <= 0 {
			rasterx.AddRect(x, y, x+w, y+h, 0, a)
			return
		}
		rasterx.AddRoundRect(x, y, x+w, y+h, r, r, 0, rasterx.RoundGap, a)
	}
	im.fill(fill, path)
	im.stroke(strokeCol, strokeW, path)
}

// Line paints a line between two points.
func (im *Image) Line(p1, p2 fyne.Position, col color.Color, width float32) {
	im.stroke(col, max(width, 1), func(a rasterx.Adder) {
		a.Start(rasterx.ToFixedP(im.s(p1.X), im.s(p1.Y)))
		a.Line(rasterx.ToFixedP(im.s(p2.X), im.s(p2.Y)))
		a.Stop(false)
	})
}

// Circle paints the circle (ellipse) filling a box.
func (im *Image) Circle(pos fyne.Position, size fyne.Size, fill, strokeCol color.Color, strokeW float32) {
	cx, cy := im.s(pos.X+size.Width/2), im.s(pos.Y+size.Height/2)
	rx, ry := im.s(size.Width/2), im.s(size.Height/2)
	path := func(a rasterx.Adder) { rasterx.AddEllipse(cx, cy, rx, ry, 0, a) }
	im.fill(fill, path)
	im.stroke(strokeCol, strokeW, path)
}

// Polygon paints a regular polygon inscribed in a box, rotated by angle
// degrees (the first corner at the top, as Fyne draws it).
func (im *Image) Polygon(pos fyne.Position, size fyne.Size, sides uint, angle float32, fill, strokeCol color.Color, strokeW float32) {
	if sides < 3 {
		return
	}
	cx, cy := im.s(pos.X+size.Width/2), im.s(pos.Y+size.Height/2)
	r := im.s(min(size.Width, size.Height) / 2)
	rot := float64(angle)*math.Pi/180 - math.Pi/2
	step := 2 * math.Pi / float64(sides)
	path := func(a rasterx.Adder) {
		a.Start(rasterx.ToFixedP(cx+r*math.Cos(rot), cy+r*math.Sin(rot)))
		for i := 1; i < int(sides); i++ {
			t := rot + step*float64(i)
			a.Line(rasterx.ToFixedP(cx+r*math.Cos(t), cy+r*math.Sin(t)))
		}
		a.Stop(true)
	}
	im.fill(fill, path)
	im.stroke(strokeCol, strokeW, path)
}

// Text paints one line of text in the theme's font, placed in its box as
// Fyne places it (vertically from the top of the box, aligned in its width).
func (im *Image) Text(pos fyne.Position, size fyne.Size, text string, textSize float32, style fyne.TextStyle, col color.Color, align fyne.TextAlign) {
	if text == "" || col == nil {
		return
	}
	fc := im.fonts.face(style, textSize*im.Scale)
	if fc == nil {
		return
	}
	w := font.MeasureString(fc, text)
	x := im.s(pos.X)
	switch align {
	case fyne.TextAlignCenter:
		x += (im.s(size.Width) - float64(w)/64) / 2
	case fyne.TextAlignTrailing:
		x += im.s(size.Width) - float64(w)/64
	}
	d := font.Drawer{Dst: im.Dst, Src: image.NewUniform(col), Face: fc,
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(im.s(pos.Y)*64) + fc.Metrics().Ascent}}
	d.DrawString(text)
}

// Raster paints a canvas.Raster's picture into its box.
func (im *Image) Raster(pos fyne.Position, size fyne.Size, r *canvas.Raster) {
	w, h := int(im.s(size.Width)), int(im.s(size.Height))
	if w <= 0 || h <= 0 || r.Generator == nil {
		return
	}
	src := r.Generator(w, h)
	x, y := int(im.s(pos.X)), int(im.s(pos.Y))
	draw.Draw(im.Dst, image.Rect(x, y, x+w, y+h), src, src.Bounds().Min, draw.Over)
}
