package userdb

import "testing"

// Review rv19: Close on a Notebook that Open never finished (a zero value)
// closed a nil channel and panicked; before AutoBackupAfter it did nothing.
func TestRV19CloseZeroNotebook(t *testing.T) {
	var nb Notebook
	if err := nb.Close(); err != nil {
		t.Fatal(err)
	}
}
