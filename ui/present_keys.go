package ui

import "fyne.io/fyne/v2"

// presentAction is what a key does in the presentation.
type presentAction int

const (
	actNone      presentAction = iota
	actNext                    // next stop
	actPrev                    // previous stop
	actFirst                   // first screen (the tour's title, if any)
	actLast                    // last stop
	actJump                    // the stop typed as a number (see presentKeys.Key)
	actDigits                  // the typed number changed (show it)
	actBlack                   // black screen
	actWhite                   // white screen
	actLang                    // switch German/English
	actStrip                   // show or hide the timeline strip
	actPresenter               // open or bring up the presenter window
	actExit                    // leave the presentation
)

// maxJumpDigits bounds a typed stop number: a clicker that sticks cannot
// build a number that overflows.
const maxJumpDigits = 4

// presentKeys maps keys to presentation actions, including the number a
// teacher types before Enter to jump to a stop. It works on key names only,
// never on typed runes: the driver reports a printable key twice (as a key
// and as a rune), and letters by the keyboard layout's name, so B is B on a
// German keyboard too and the period key is "." everywhere.
type presentKeys struct {
	digits string // the number typed so far
}

// Key returns the action of key name k; for actJump also the stop number
// typed before it (1-based; 0 means the title screen).
func (p *presentKeys) Key(k fyne.KeyName) (presentAction, int) {
	if d, ok := digitOf(k); ok {
		if len(p.digits) < maxJumpDigits {
			p.digits += string('0' + rune(d))
		}
		return actDigits, p.number()
	}
	if p.digits != "" {
		switch k {
		case fyne.KeyReturn, fyne.KeyEnter:
			n := p.number()
			p.digits = ""
			return actJump, n
		case fyne.KeyBackspace:
			p.digits = p.digits[:len(p.digits)-1]
			return actDigits, p.number()
		case fyne.KeyEscape: // Esc first forgets a number typed by mistake
			p.digits = ""
			return actDigits, -1
		}
	}
	a := keyActions[k]
	if a != actNone {
		p.digits = ""
	}
	return a, 0
}

// Pending is the number typed so far, or -1.
func (p *presentKeys) Pending() int { return p.number() }

// Reset forgets a typed number.
func (p *presentKeys) Reset() { p.digits = "" }

func (p *presentKeys) number() int {
	if p.digits == "" {
		return -1
	}
	n := 0
	for _, c := range p.digits {
		n = n*10 + int(c-'0')
	}
	return n
}

// keyActions are the keys of a presentation: what presentation clickers
// send (PageDown/PageUp, sometimes Right/Left, B or "." to blank, F5 and Esc
// from the same button) and what a teacher at a keyboard expects from
// presentation programs.
var keyActions = map[fyne.KeyName]presentAction{
	fyne.KeyRight: actNext, fyne.KeyPageDown: actNext, fyne.KeySpace: actNext, fyne.KeyDown: actNext,
	fyne.KeyReturn: actNext, fyne.KeyEnter: actNext,
	fyne.KeyLeft: actPrev, fyne.KeyPageUp: actPrev, fyne.KeyBackspace: actPrev, fyne.KeyUp: actPrev,
	fyne.KeyHome: actFirst, fyne.KeyEnd: actLast,
	fyne.KeyB: actBlack, fyne.KeyPeriod: actBlack,
	fyne.KeyW: actWhite, fyne.KeyComma: actWhite,
	fyne.KeyL: actLang, fyne.KeyT: actStrip, fyne.KeyP: actPresenter,
	fyne.KeyEscape: actExit,
}

func digitOf(k fyne.KeyName) (int, bool) {
	if len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
		return int(k[0] - '0'), true
	}
	return 0, false
}
