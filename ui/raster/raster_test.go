package raster

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	return d(r1, r2) < 0x1000 && d(g1, g2) < 0x1000 && d(b1, b2) < 0x1000
}

func TestPaintsShapesWhereFyneWould(t *testing.T) {
	app := NewHeadless(theme.DefaultTheme())
	white, red, blue := color.NRGBA{255, 255, 255, 255}, color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}
	for _, scale := range []float32{1, 2, 3} {
		im := NewImage(100, 60, scale, white, app.Fonts())
		rect := canvas.NewRectangle(red)
		rect.Move(fyne.NewPos(10, 10))
		rect.Resize(fyne.NewSize(20, 20))
		circ := canvas.NewCircle(blue)
		circ.Move(fyne.NewPos(50, 10))
		circ.Resize(fyne.NewSize(20, 20))
		tri := &canvas.Polygon{Sides: 3, FillColor: red}
		tri.Move(fyne.NewPos(75, 10))
		tri.Resize(fyne.NewSize(20, 20))
		hidden := canvas.NewRectangle(blue)
		hidden.Move(fyne.NewPos(0, 40))
		hidden.Resize(fyne.NewSize(100, 20))
		hidden.Hide()
		im.Objects([]fyne.CanvasObject{rect, circ, tri, hidden, &fyne.Container{Objects: []fyne.CanvasObject{}}}, fyne.NewPos(0, 0))
		px := func(x, y float32) color.Color { return im.Dst.At(int(x*scale), int(y*scale)) }
		if b := im.Dst.Bounds(); b.Dx() != int(100*scale) || b.Dy() != int(60*scale) {
			t.Fatalf("scale %v: image %v", scale, b)
		}
		checks := []struct {
			x, y float32
			want color.Color
			what string
		}{
			{20, 20, red, "inside the rectangle"}, {5, 5, white, "outside it"},
			{60, 20, blue, "the circle's centre"}, {51, 11, white, "the circle's corner box"},
			{85, 22, red, "inside the triangle"}, {76, 11, white, "beside the triangle's tip"},
			{50, 50, white, "where the hidden rectangle is"},
		}
		for _, c := range checks {
			if got := px(c.x, c.y); !near(got, c.want) {
				t.Errorf("scale %v: %s at %v,%v is %v, want %v", scale, c.what, c.x, c.y, got, c.want)
			}
		}
	}
}

func TestTextIsDrawnAndMeasured(t *testing.T) {
	app := NewHeadless(theme.DefaultTheme())
	s, base := app.Driver().RenderedTextSize("Zeitleiste", 14, fyne.TextStyle{}, nil)
	wide, _ := app.Driver().RenderedTextSize("Zeitleiste Zeitleiste", 14, fyne.TextStyle{}, nil)
	bold, _ := app.Driver().RenderedTextSize("Zeitleiste", 14, fyne.TextStyle{Bold: true}, nil)
	if s.Width < 40 || s.Height < 14 || base <= 0 || wide.Width < 2*s.Width || bold.Width <= s.Width {
		t.Fatalf("measured %v (baseline %v), twice %v, bold %v", s, base, wide, bold)
	}
	im := NewImage(200, 40, 1, color.White, app.Fonts())
	im.Text(fyne.NewPos(10, 10), s, "Zeitleiste Äß", 14, fyne.TextStyle{}, color.Black, fyne.TextAlignLeading)
	ink := 0
	for y := 0; y < 40; y++ {
		for x := 0; x < 200; x++ {
			if r, _, _, _ := im.Dst.At(x, y).RGBA(); r < 0x8000 {
				ink++
				if y < 8 || x < 8 {
					t.Fatalf("ink at %d,%d outside the text box", x, y)
				}
			}
		}
	}
	if ink < 50 {
		t.Fatalf("only %d dark pixels: no text drawn", ink)
	}
}
