package userdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"strings"

	"aitimeline/data"
	"aitimeline/data/interop"
)

// ImportTimelineJS adds the events of a TimelineJS 3 JSON file (what many
// teachers and students already have) as own events, under the notebook's
// author and in one transaction. Texts go into language lang (TimelineJS has
// one); the category is the event's group when that names a category, else
// "public". Each link of the event becomes a source (publisher: the link's
// host, title: the link's text or the event's title). An own event must
// link to where it was published, so events without an http(s) link are
// left out and counted in Skipped. Each event gets an ID derived from its
// unique_id (or its date and title), so importing the same file twice
// changes nothing. A file ReadTimelineJS refuses gives its error (Localized,
// see interop.Message) and changes nothing.
func (nb *Notebook) ImportTimelineJS(ctx context.Context, r io.Reader, lang data.Lang) (ImportReport, error) {
	doc, err := interop.ReadTimelineJS(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return ImportReport{}, err
	}
	evs, skipped, dups, err := timelineJSEvents(doc, lang)
	if err != nil {
		return ImportReport{}, err
	}
	rep, err := nb.importOwnEvents(ctx, evs)
	rep.Skipped = skipped
	rep.Unchanged += dups // an event the file repeats is there once
	return rep, err
}

// timelineJSEvents converts and checks every event; the first event that
// cannot be an own event for another reason than a missing link fails the
// whole import (as *ImportError naming it: "events[3]").
func timelineJSEvents(doc *interop.Imported, lang data.Lang) (evs []OwnEvent, skipped, dups int, err error) {
	seen := map[string]bool{}
	for k, ie := range doc.Events {
		e := OwnEvent{Date: ie.Date, End: ie.End, Category: data.CatPublic}
		if c := data.Category(strings.ToLower(strings.TrimSpace(ie.Group))); validCategory(c) {
			e.Category = c
		}
		title, summary := truncRunes(ie.Title, maxTitleRunes), ie.Summary
		if ie.Note != "" {
			summary = strings.TrimSpace(summary + "\n\n" + ie.Note)
		}
		summary = truncRunes(summary, maxTextRunes)
		if lang == data.DE {
			e.Title.DE, e.Summary.DE = title, summary
		} else {
			e.Title.EN, e.Summary.EN = title, summary
		}
		for _, l := range ie.Links {
			if data.CheckURL(l.URL) != nil || len(e.Sources) == maxListLen {
				continue
			}
			st := truncRunes(strings.TrimSpace(l.Text), maxFieldRunes)
			if st == "" || st == l.URL {
				st = truncRunes(title, maxFieldRunes)
			}
			e.Sources = append(e.Sources, data.Source{Publisher: hostOf(l.URL), Title: st, URL: l.URL})
		}
		if len(e.Sources) == 0 {
			skipped++
			continue
		}
		// The ID comes from what the event is, not only from its slide
		// number (files number their slides "1", "2", … alike), so the
		// same event from the same file gets the same ID again.
		var links []string
		for _, src := range e.Sources {
			links = append(links, src.URL)
		}
		sum := sha256.Sum256([]byte(strings.Join([]string{ie.ID, ie.Date.String(), ie.End.String(), title, summary, strings.Join(links, " ")}, "\x00")))
		e.ID = OwnEventPrefix + "tljs-" + hex.EncodeToString(sum[:6])
		if seen[e.ID] {
			dups++ // the same event twice in one file
			continue
		}
		seen[e.ID] = true
		c, err := e.clean()
		if err != nil {
			return nil, 0, 0, &ImportError{Where: "events[" + itoa(k) + "]", Err: err}
		}
		evs = append(evs, c)
	}
	return evs, skipped, dups, nil
}

// hostOf is a URL's host without "www.", the best publisher a bare link gives.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func truncRunes(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
