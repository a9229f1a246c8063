package data

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// TestLazyLinkCheck: in a dataset too large for the scan at open, a source
// with a javascript: link is refused when its row is read (export, the
// detail pane, the Sources tab), with the same reason as at open.
func TestLazyLinkCheck(t *testing.T) {
	path := build(t, sample())
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE sources SET url = 'javascript:alert(1)' WHERE id = (SELECT min(id) FROM sources)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var de *DatasetError
	if _, err := Open(path); !errors.As(err, &de) || de.Reason != ReasonBadURL {
		t.Fatalf("small dataset: open gave %v, want the link refused", err)
	}
	old := lazyLinkCheck
	lazyLinkCheck = 0
	defer func() { lazyLinkCheck = old }()
	st, err := Open(path)
	if err != nil {
		t.Fatalf("large dataset: open should leave the links to reading: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	err = st.EachEvent(ctx, nil, func(int, *Event) error { return nil })
	if !errors.As(err, &de) || de.Reason != ReasonBadURL || de.Event == "" {
		t.Fatalf("reading the events: %v, want the link refused with its event", err)
	}
	if _, err := st.Sources(ctx); !errors.As(err, &de) || de.Reason != ReasonBadURL {
		t.Fatalf("Sources: %v, want the link refused", err)
	}
}
