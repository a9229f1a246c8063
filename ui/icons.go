package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// externalLinkIcon marks buttons that leave the app for the browser: a box
// with an arrow out of its corner. Filled shapes only, so the theme can
// recolour it (Fyne recolours fills, not strokes).
var externalLinkIcon = theme.NewThemedResource(fyne.NewStaticResource("external-link.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">`+
		`<rect x="3" y="6" width="2" height="15" fill="#000"/>`+
		`<rect x="3" y="19" width="15" height="2" fill="#000"/>`+
		`<rect x="16" y="13" width="2" height="8" fill="#000"/>`+
		`<rect x="3" y="6" width="8" height="2" fill="#000"/>`+
		`<polygon points="9.3,16.1 7.9,14.7 17.6,5 19,6.4" fill="#000"/>`+
		`<polygon points="13,3 21,3 21,11" fill="#000"/></svg>`)))
