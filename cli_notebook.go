package main

import (
	"aitimeline/i18n"
	"aitimeline/ui"
)

// ownTours reads the teacher's own tours from the notebook (wired with the
// notebook package).
func ownTours(e env, loc *i18n.Localizer, notebook string) ([]ui.Tour, error) { return nil, nil }

func runTourImport(args []string, e env, loc *i18n.Localizer) error {
	return fail(loc, "cli.err.tour_sub")
}
