package cite

import (
	"time"

	"aitimeline/data"
)

// EventCitation is a one-line text citation of an event as part of the
// dataset, in lang's style (anything but data.DE is English):
//
//	AI Conflict Timeline (dataset version 2026.11.29), “Title”, event 2015-12-11-openai-founded, accessed November 30, 2026.
//	Zeitleiste des KI-Konflikts (Datensatzversion 2026.11.29): „Titel“, Ereignis 2015-12-11-openai-founded, abgerufen am 30. November 2026.
//
// The name is the app's (app.name), dates follow the app's date format
// (i18n Localizer.Date). An empty datasetVersion or a zero accessed time
// leaves that part out. Title and ID are cleaned like every field.
func EventCitation(ev data.Event, datasetVersion string, accessed time.Time, lang data.Lang) string {
	loc := localizer(lang)
	acc := ""
	if !accessed.IsZero() {
		acc = loc.Date(dayOf(accessed))
	}
	return loc.T("cite.event",
		"Name", datasetName(lang),
		"Version", clean(datasetVersion),
		"Title", clean(ev.Title.In(normLang(lang))),
		"ID", clean(ev.ID),
		"Accessed", acc)
}
