package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// TestRV18CheckSurvivesAnEarlyReload: a Load(false) queued before the first
// load has applied (a failed tag save, an own event added, an import) must
// not drop the first load's duties: the notices and the integrity check.
func TestRV18CheckSurvivesAnEarlyReload(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	nb, err := userdb.Open(ctx, path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 400; i++ {
		if _, err := nb.SaveNote(ctx, userdb.PersonTarget(fmt.Sprintf("person-%d", i)), strings.Repeat("words ", 100), userdb.Label{}); err != nil {
			t.Fatal(err)
		}
	}
	nb.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := len(raw) / 4096 / 2 * 4096
	copy(raw[page:], bytes.Repeat([]byte{0xff}, 12))
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	nb, err = userdb.Open(ctx, path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nb.Close()
	if nb.Info().MovedAside != "" {
		t.Skip("this page happens to be read at open")
	}
	h := newHarness(t, data.EN)
	p := h.AttachNotebook(nb)
	p.Load(false) // before the first load's result is applied
	h.flush()
	top := h.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(objectStrings(top), "Checking your notebook found damage") {
		t.Fatal("the damaged notebook was not reported: the first load's check was dropped")
	}
}
