// Package chrono is the timeline's pure geometry: time↔pixel mapping, zoom and
// pan, tick generation, lane packing and clustering. It imports no Fyne, so it
// is table-tested and benchmarked on its own; the timeline widget only calls it.
//
// Times are float64 seconds since 1970-01-01 UTC; pixels are float32.
package chrono

import (
	"math"
	"time"
)

// Day is one day in seconds.
const Day = 86400.0

// Seconds converts a time to the package's time unit.
func Seconds(t time.Time) float64 { return float64(t.Unix()) + float64(t.Nanosecond())/1e9 }

// Time converts seconds back to a UTC time.
func Time(s float64) time.Time {
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64((s-sec)*1e9)).UTC()
}

// Viewport maps the time window [Start, End) onto Width pixels.
type Viewport struct {
	Start, End float64
	Width      float32
}

// Span is the window's length in seconds.
func (v Viewport) Span() float64 { return v.End - v.Start }

// X is the pixel position of time t (may lie outside 0..Width).
func (v Viewport) X(t float64) float32 {
	if v.Span() <= 0 {
		return 0
	}
	return float32((t - v.Start) / v.Span() * float64(v.Width))
}

// T is the time at pixel position x.
func (v Viewport) T(x float32) float64 {
	if v.Width <= 0 {
		return v.Start
	}
	return v.Start + float64(x)/float64(v.Width)*v.Span()
}

// Centre is the time in the middle of the window.
func (v Viewport) Centre() float64 { return (v.Start + v.End) / 2 }

// Limits bound what a viewport may show: the whole timeline [Min, Max] and the
// shortest and longest spans.
type Limits struct {
	Min, Max         float64
	MinSpan, MaxSpan float64
}

// LimitsFor returns limits for data running from first to last: the longest
// span shows it all with a margin of 3 % each side, the shortest is one day.
func LimitsFor(first, last float64) Limits {
	span := math.Max(last-first, Day)
	margin := span * 0.03
	return Limits{Min: first - margin, Max: last + margin, MinSpan: Day, MaxSpan: span + 2*margin}
}

// Clamp makes v's span lie within [MinSpan, MaxSpan] (keeping its centre) and
// then shifts it to stay inside [Min, Max].
func (l Limits) Clamp(v Viewport) Viewport {
	span := v.Span()
	if span < l.MinSpan || math.IsNaN(span) {
		span = l.MinSpan
	}
	if l.MaxSpan > 0 && span > l.MaxSpan {
		span = l.MaxSpan
	}
	c := v.Centre()
	if math.IsNaN(c) {
		c = (l.Min + l.Max) / 2
	}
	v.Start, v.End = c-span/2, c+span/2
	if v.Start < l.Min {
		v.Start, v.End = l.Min, l.Min+span
	}
	if v.End > l.Max {
		v.Start, v.End = l.Max-span, l.Max
	}
	return v
}

// All is the viewport that shows the whole timeline.
func (l Limits) All(width float32) Viewport {
	return Viewport{Start: l.Min, End: l.Max, Width: width}
}

// Zoom scales the window by factor (>1 zooms in, <1 out) around the pixel
// anchorX, so the time under the anchor stays under it (unless a limit
// intervenes), and clamps the result.
func (v Viewport) Zoom(anchorX float32, factor float64, l Limits) Viewport {
	if factor <= 0 || math.IsNaN(factor) || math.IsInf(factor, 0) {
		return l.Clamp(v)
	}
	anchor := v.T(anchorX)
	span := v.Span() / factor
	if span < l.MinSpan {
		span = l.MinSpan
	}
	if l.MaxSpan > 0 && span > l.MaxSpan {
		span = l.MaxSpan
	}
	frac := 0.5
	if v.Width > 0 {
		frac = float64(anchorX) / float64(v.Width)
	}
	out := Viewport{Start: anchor - frac*span, Width: v.Width}
	out.End = out.Start + span
	return l.Clamp(out)
}

// Pan moves the window by dx pixels: dragging content right (dx > 0) shows
// earlier times.
func (v Viewport) Pan(dx float32, l Limits) Viewport {
	if v.Width <= 0 {
		return v
	}
	dt := float64(dx) / float64(v.Width) * v.Span()
	v.Start -= dt
	v.End -= dt
	return l.Clamp(v)
}

// CentreOn moves the window so t is in the middle, keeping the span.
func (v Viewport) CentreOn(t float64, l Limits) Viewport {
	half := v.Span() / 2
	v.Start, v.End = t-half, t+half
	return l.Clamp(v)
}

// WithSpan returns a window of the given span centred where v is centred.
func (v Viewport) WithSpan(span float64, l Limits) Viewport {
	c := v.Centre()
	v.Start, v.End = c-span/2, c+span/2
	return l.Clamp(v)
}

// Resize keeps the window's start and scale when the widget's width changes,
// so a window resize reveals more time rather than stretching it.
func (v Viewport) Resize(width float32, l Limits) Viewport {
	if v.Width <= 0 || width <= 0 {
		v.Width = width
		return l.Clamp(v)
	}
	perPx := v.Span() / float64(v.Width)
	v.End = v.Start + perPx*float64(width)
	v.Width = width
	return l.Clamp(v)
}
