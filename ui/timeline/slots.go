package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// labelSlot holds the canvas objects of one labelled event: its marker (a
// circle or a polygon, by claim status) and its title. A slot stays bound to
// the same event in the same lane from frame to frame while the event keeps a
// label, so zooming and panning only move its objects: the title is not set
// again (no re-shaping, no texture upload) and the marker is not restyled.
type labelSlot struct {
	ref   int32  // bound event, -1 for none
	lane  int32  // lane the event is labelled in
	frame uint32 // last frame the slot was drawn in
	epoch uint32 // label cache epoch the title was set in
	pal   uint32 // palette generation the marker was styled in

	text   *canvas.Text
	bg     *canvas.Rectangle // behind the title, over the tick lines
	bg2    *canvas.Rectangle // the background's part past an era's border
	circle *canvas.Circle
	poly   *canvas.Polygon
	width  float32 // the title's width
	msize  float32 // the marker's width and height
	capK   int     // the label cap the title is cut to (see labelCaps)
	dim    bool    // drawn dimmed (not a search hit)
}

// slotTable finds the slot an event had in the last frame. The slots drawn
// in a frame are indexed by (lane, event) in a small open-addressing hash
// table rebuilt at the end of every frame, so finding them costs no memory
// per event of the dataset and stays in the processor's cache.
type slotTable struct {
	slots []*labelSlot
	keys  []uint64 // hash table of the last frame's slots: key+1 (0: empty)
	vals  []int32  // slot index per table entry
	frame uint32
	free  int // cursor for finding unused slots in this frame
	grew  bool
}

func slotKey(ref, lane int32) uint64 { return uint64(uint32(lane))<<32 | uint64(uint32(ref)) }

func (s *slotTable) home(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> 32 & uint64(len(s.keys)-1))
}

// forget drops every binding, e.g. for another dataset.
func (s *slotTable) forget() {
	for _, sl := range s.slots {
		sl.ref = -1
	}
	clear(s.keys)
}

// begin starts a frame.
func (s *slotTable) begin() {
	s.frame++
	s.free = 0
}

// reuse returns the slot bound to (ref, lane) in the last frame and claims it
// for this frame, or nil.
func (s *slotTable) reuse(ref, lane int32, epoch uint32) *labelSlot {
	if len(s.keys) == 0 {
		return nil
	}
	key := slotKey(ref, lane)
	for i := s.home(key); s.keys[i] != 0; i = (i + 1) & (len(s.keys) - 1) {
		if s.keys[i] != key+1 {
			continue
		}
		sl := s.slots[s.vals[i]]
		if sl.ref != ref || sl.lane != lane || sl.frame == s.frame || sl.epoch != epoch {
			return nil
		}
		sl.frame = s.frame
		return sl
	}
	return nil
}

// bind takes a slot no label of this frame has claimed (or makes one) and
// binds it to (ref, lane).
func (s *slotTable) bind(ref, lane int32, newSlot func() *labelSlot) *labelSlot {
	for s.free < len(s.slots) && s.slots[s.free].frame == s.frame {
		s.free++
	}
	i := s.free
	if i == len(s.slots) {
		s.slots = append(s.slots, newSlot())
		s.grew = true
	}
	sl := s.slots[i]
	sl.ref, sl.lane, sl.frame = ref, lane, s.frame
	return sl
}

// index rebuilds the hash table from the slots of this frame.
func (s *slotTable) index() {
	n := 0
	for _, sl := range s.slots {
		if sl.frame == s.frame {
			n++
		}
	}
	size := max(len(s.keys), 64) // grows, never shrinks: no allocation in a steady state
	for size < 2*n {
		size *= 2
	}
	if len(s.keys) != size {
		s.keys, s.vals = make([]uint64, size), make([]int32, size)
	} else {
		clear(s.keys)
	}
	for si, sl := range s.slots {
		if sl.frame != s.frame {
			continue
		}
		key := slotKey(sl.ref, sl.lane)
		i := s.home(key)
		for s.keys[i] != 0 {
			i = (i + 1) & (size - 1)
		}
		s.keys[i], s.vals[i] = key+1, int32(si)
	}
}

// end hides the slots this frame did not draw and indexes the ones it drew.
func (s *slotTable) end() {
	s.index()
	for _, sl := range s.slots {
		if sl.frame == s.frame-1 { // drawn in the last frame, not in this one
			hide(sl.text)
			hide(sl.bg)
			hide(sl.bg2)
			hide(sl.circle)
			hide(sl.poly)
		}
	}
}

func newLabelSlot() *labelSlot {
	sl := &labelSlot{ref: -1, text: canvas.NewText("", color.Black), bg: canvas.NewRectangle(color.Transparent),
		bg2: canvas.NewRectangle(color.Transparent), circle: canvas.NewCircle(color.Transparent), poly: &canvas.Polygon{}}
	sl.bg.Hide()
	sl.bg2.Hide()
	sl.circle.Hide()
	sl.poly.Hide()
	return sl
}

// styleMarker gives the slot's marker the look of event i: category colour,
// claim-status shape, importance size, dimmed when it is not a search hit.
func (r *renderer) styleMarker(sl *labelSlot, i int, dim bool) {
	lk := r.look(i, dim)
	lk.apply(sl.circle, sl.poly)
	sl.msize = lk.box()
	sl.circle.Resize(fyne.NewSquareSize(sl.msize))
	sl.poly.Resize(fyne.NewSquareSize(sl.msize))
	sl.pal, sl.dim = r.pal.gen, dim
}

// show and hide change visibility only when it changes: Fyne's circles
// refresh on Show and repaint on Hide even when nothing changes.
func show(o fyne.CanvasObject) {
	if !o.Visible() {
		o.Show()
	}
}

func hide(o fyne.CanvasObject) {
	if o.Visible() {
		o.Hide()
	}
}
