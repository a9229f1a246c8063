package ui

import (
	"strings"
	"testing"

	"aitimeline/data"
)

// TestRV18CheckSurvivesAnEarlyReload: a Load(false) queued before the first
// load has applied (a failed tag save, an own event added, an import) must
// not drop the first load's duties: the notices and the integrity check.
func TestRV18CheckSurvivesAnEarlyReload(t *testing.T) {
	nb := openDamagedNotebook(t)
	h := newHarness(t, data.EN)
	p := h.AttachNotebook(nb)
	p.Load(false) // before the first load's result is applied
	h.flush()
	top := h.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(objectStrings(top), "Checking your notebook found damage") {
		t.Fatal("the damaged notebook was not reported: the first load's check was dropped")
	}
}
