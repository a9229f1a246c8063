package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/ui"
)

func TestPresentCommand(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want ui.PresentRequest
		lang data.Lang
	}{
		{"first tour by default", []string{"present"}, ui.PresentRequest{TourID: "conflict-in-12-steps"}, ""},
		{"a tour from stop 3 in German", []string{"present", "--tour", "lawsuit-complaint-to-verdict", "--start", "3", "--lang", "de"},
			ui.PresentRequest{TourID: "lawsuit-complaint-to-verdict", Start: 3}, data.DE},
		{"the last stop", []string{"present", "--tour=conflict-in-12-steps", "--start=12"}, ui.PresentRequest{TourID: "conflict-in-12-steps", Start: 12}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.code != 0 || r.gui == nil || r.gui.lang != c.lang {
				t.Fatalf("%+v", r)
			}
			if got := r.gui.present; got == nil || *got != c.want {
				t.Fatalf("request %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestPresentCommandErrors(t *testing.T) {
	for _, c := range []struct {
		args     []string
		want, de string
	}{
		{[]string{"present", "--tour", "nope"}, "There is no tour “nope”. Choose one of: conflict-in-12-steps, ", "Einen Rundgang „nope“ gibt es nicht"},
		{[]string{"present", "--start", "13"}, "--start 13 is not a stop of this tour: choose 1 to 12", "Wählen Sie 1 bis 12"},
		{[]string{"present", "--start", "-1"}, "--start -1 is not a stop", "--start -1 ist keine Station"},
		{[]string{"present", "--start", "x"}, "-start", "-start"},
		{[]string{"present", "--lang", "fr"}, "fr", "fr"},
		{[]string{"present", "--colour"}, "-colour", "-colour"},
		{[]string{"present", "extra"}, "extra", "extra"},
	} {
		failsWithOneLine(t, runCLI(t, nil, c.args...), c.want)
		failsWithOneLine(t, runCLI(t, map[string]string{"LANG": "de_DE.UTF-8"}, c.args...), c.de)
	}
	// No display: say so, start nothing.
	var out, errb bytes.Buffer
	started := false
	code := run([]string{"present"}, env{stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "AITIMELINE_CACHE_DIR" {
			return t.TempDir()
		}
		return ""
	}, goos: "linux", gui: func(guiOptions) error { started = true; return nil }})
	if code != 1 || started || strings.Count(errb.String(), "\n") != 1 {
		t.Fatalf("no display: exit %d, started %v, %q", code, started, errb.String())
	}
}

// TestPresentStartCountsStopsTheDatasetHas: a teacher's tour made with
// another dataset has stops this one lacks; the presentation leaves them
// out, so --start is checked against the stops it will show.
func TestPresentStartCountsStopsTheDatasetHas(t *testing.T) {
	env, path := nbEnv(t)
	var id string
	withNotebook(t, path, userdb.Options{}, func(nb *userdb.Notebook) {
		tour, err := nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{EN: "Elsewhere"},
			Stops: []userdb.Stop{{EventID: evFounded}, {EventID: "2099-01-01-not-in-this-dataset"}, {EventID: "own-gone"}}})
		if err != nil {
			t.Fatal(err)
		}
		id = tour.ID
	})
	r := runCLI(t, env, "present", "--tour", id, "--start", "1")
	if r.code != 0 || r.gui == nil || r.gui.present.Start != 1 {
		t.Fatalf("--start 1: %+v", r)
	}
	failsWithOneLine(t, runCLI(t, env, "present", "--tour", id, "--start", "2"), "choose 1 to 1")
}
