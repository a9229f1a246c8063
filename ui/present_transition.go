package ui

import "time"

// transition is how the screen changes from stop to stop; the meter
// steps down from full to light to jump.
type transition int

const (
	// transFull: the new slide at once, the strip pans and zooms under it.
	transFull transition = iota
	// transLight: the new slide's date, title and claim status at once, its
	// body when the strip has arrived. Under Mesa's software renderer
	// (an old laptop without a GPU) every painted pixel costs in every
	// frame; a full slide's text halves the frame rate (measured: about
	// 20 fps against 45 at 1920×1080).
	transLight
	// transJump: no animation; the strip jumps.
	transJump
)

// Frame rates below which the transition steps down.
const (
	smoothFPS  = 30
	minimalFPS = 15
	slowRuns   = 2 // consecutive slow transitions before stepping down
)

// transitionMeter chooses the transition from the frames the last ones
// painted: a full transition below 30 fps becomes light, a light one below
// 15 fps a jump. It takes two slow ones in a row, so that the first (which
// also draws the new text) or a moment of load elsewhere does not decide.
type transitionMeter struct {
	mode transition
	slow int
}

// record takes in a transition that painted frames frames in took. A move
// cut short by the next one says nothing.
func (m *transitionMeter) record(frames int, took time.Duration) {
	if took < stripDuration*3/4 || frames < 2 || m.mode == transJump {
		return
	}
	limit := float64(smoothFPS)
	if m.mode == transLight {
		limit = minimalFPS
	}
	if float64(frames)/took.Seconds() >= limit {
		m.slow = 0
		return
	}
	if m.slow++; m.slow >= slowRuns {
		m.mode++
		m.slow = 0
	}
}
