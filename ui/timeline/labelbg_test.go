package timeline

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// textScaled is the default theme with its text sizes scaled (200 % text).
type textScaled struct {
	fyne.Theme
	k float32
}

func (s textScaled) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameSubHeadingText, theme.SizeNameHeadingText:
		return s.Theme.Size(n) * s.k
	}
	return s.Theme.Size(n)
}

func box(o fyne.CanvasObject) (x0, y0, x1, y1 float32) {
	p, s := o.Position(), o.Size()
	return p.X, p.Y, p.X + s.Width, p.Y + s.Height
}

// Issue 15 (200 % text, high contrast): the selected title stays inside
// the timeline, covers a neighbour only on its opaque background (the
// neighbour's title then goes), and no tick line crosses a title.
func TestSelectedLabelInsideAndLabelsOverLines(t *testing.T) {
	for _, k := range []float32{1, 2} {
		tl, w := newTimeline(t, 500)
		fyne.CurrentApp().Settings().SetTheme(textScaled{theme.DefaultTheme(), k})
		w.Resize(fyne.NewSize(900, 700))
		d := tl.Data()
		width := tl.Size().Width
		for _, i := range []int{40, 250, 460} {
			// The event 20 px from the right edge, then from the left one.
			for _, at := range []float64{0.98, 0.02} {
				span := 200 * 86400.0
				tl.ShowRange(d.T[i]-span*at, d.T[i]+span*(1-at))
				tl.Select(i)
				if !tl.r.selText.Visible() {
					t.Fatalf("text ×%v, event %d: the selected title is not drawn", k, i)
				}
				tx0, _, tx1, _ := box(tl.r.selText)
				bx0, by0, bx1, by1 := box(tl.r.selBg)
				if tx0 < 0 || tx1 > width || bx0 < 0 || bx1 > width {
					t.Fatalf("text ×%v, event %d at %v: title %v..%v, background %v..%v, timeline 0..%v", k, i, at, tx0, tx1, bx0, bx1, width)
				}
				if c := color.NRGBAModel.Convert(tl.r.selBg.FillColor).(color.NRGBA); c.A != 0xff || bx1-bx0 < tx1-tx0 {
					t.Fatalf("the selected title's background is %v, %v wide for a %v wide title", c, bx1-bx0, tx1-tx0)
				}
				for li := range tl.lanes {
					for kk := range tl.r.placements[li].Labels {
						o := tl.r.assign[li][kk].text
						if !o.Visible() {
							continue
						}
						x0, y0, x1, y1 := box(o)
						if x0 < bx1 && x1 > bx0 && y0 < by1 && y1 > by0 {
							t.Fatalf("text ×%v: the title %q shows under the selected one", k, o.Text)
						}
					}
				}
			}
		}
		// Tick lines and the selection line are painted below the labels'
		// backgrounds, and every title has an opaque background at least its width.
		objs := tl.CanvasObjects()
		firstBg := len(objs)
		for _, sl := range tl.r.slots.slots {
			firstBg = min(firstBg, slices.Index(objs, fyne.CanvasObject(sl.bg)))
		}
		for j, o := range objs {
			if _, ok := o.(*canvas.Line); ok && o.Visible() && j > firstBg && o != tl.r.storyLine {
				t.Fatalf("text ×%v: a line (object %d) is painted over the labels' backgrounds (from %d)", k, j, firstBg)
			}
		}
		n := 0
		for li := range tl.lanes {
			for kk := range tl.r.placements[li].Labels {
				sl := tl.r.assign[li][kk]
				if !sl.text.Visible() {
					continue
				}
				n++
				x0, _, x1, _ := box(sl.text)
				b0, _, b1, _ := box(sl.bg)
				if sl.bg2.Visible() {
					_, _, b1, _ = box(sl.bg2)
				}
				if c := color.NRGBAModel.Convert(sl.bg.FillColor).(color.NRGBA); !sl.bg.Visible() || c.A != 0xff || b0 > x0 || b1 < x1 {
					t.Fatalf("text ×%v: title %q at %v..%v has background %v..%v (shown %v, %v)", k, sl.text.Text, x0, x1, b0, b1, sl.bg.Visible(), c)
				}
			}
		}
		if n < 5 {
			t.Fatalf("setup: %d titles", n)
		}
	}
}

// An event in several lanes (people) is drawn as selected in one of them:
// the other lanes keep its title and their neighbours' titles.
func TestSelectedInSeveralLanesHidesOnlyItsNeighbours(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	tl.SetLaneMode(LanesPerson)
	d := tl.Data()
	for i := 0; i < d.Len(); i++ {
		if len(d.Idx.People(i)) < 2 {
			continue
		}
		tl.ShowRange(d.T[i]-200*86400, d.T[i]+200*86400)
		tl.Select(i)
		lanes := 0
		for li := range tl.lanes {
			for _, lb := range tl.r.placements[li].Labels {
				if int(lb.Ref) == i {
					lanes++
				}
			}
		}
		if lanes < 2 {
			continue
		}
		_, by0, _, by1 := box(tl.r.selBg)
		for li := range tl.lanes {
			for k, lb := range tl.r.placements[li].Labels {
				o := tl.r.assign[li][k].text
				_, y0, _, y1 := box(o)
				inSelRow := y0 < by1 && y1 > by0
				if !o.Visible() && !inSelRow {
					t.Fatalf("event %d selected: the title of %d in lane %d is hidden, outside the selected title's row", i, lb.Ref, li)
				}
			}
		}
		return
	}
	t.Fatal("setup: no event labelled in two lanes")
}
