package timeline

import (
	"image/color"

	"aitimeline/data"
)

// categoryColors is the Okabe–Ito palette, distinguishable with the common
// forms of colour blindness, in data.Categories order. Yellow is darkened a
// little so it still reads on a white background.
var categoryColors = map[data.Category]color.NRGBA{
	data.CatGovernance:     {0x00, 0x72, 0xB2, 0xff}, // blue
	data.CatLegal:          {0xD5, 0x5E, 0x00, 0xff}, // vermillion
	data.CatProduct:        {0x00, 0x9E, 0x73, 0xff}, // bluish green
	data.CatBusiness:       {0xE6, 0x9F, 0x00, 0xff}, // orange
	data.CatInfrastructure: {0x56, 0xB4, 0xE9, 0xff}, // sky blue
	data.CatPolitics:       {0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	data.CatPublic:         {0xC9, 0xB8, 0x2A, 0xff}, // yellow, darkened
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
	data.StDisputed:     {Sides: 4, Hollow: true},
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
