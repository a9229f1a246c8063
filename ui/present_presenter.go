package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// presenterView is the presenter window: a normal window the teacher drags
// to the laptop's screen, with the current and the next stop, the notes
// for this stop and a clock since the start. Its keys and buttons drive
// the same presentation as the projector's window.
type presenterView struct {
	p                  *Presenter
	w                  fyne.Window
	clock, counter     *widget.Label
	nowHead, nextHead  *widget.Label
	notesHead          *widget.Label
	now, nowMeta, next *widget.Label
	notes, dsNote      *widget.Label
	prev, fwd, black   *presenterButton
	tickStop           func()
	closed             bool
}

// openPresenter opens the presenter window, or brings it up.
func (p *Presenter) openPresenter() {
	pr := p.show
	if pr.presenter != nil {
		pr.presenter.w.RequestFocus()
		return
	}
	label := func(bold, wrap bool) *widget.Label {
		l := widget.NewLabel("")
		l.TextStyle.Bold = bold
		if wrap {
			l.Wrapping = fyne.TextWrapWord
		}
		return l
	}
	v := &presenterView{p: p, clock: label(true, false), counter: label(true, false),
		nowHead: label(false, false), nextHead: label(false, false), notesHead: label(false, false),
		now: label(true, true), nowMeta: label(false, true), next: label(false, true),
		notes: label(false, true), dsNote: label(false, true)}
	v.now.SizeName = theme.SizeNameSubHeadingText
	v.prev = newPresenterButton(p, theme.NavigateBackIcon(), func() { p.act(actPrev, 0) })
	v.fwd = newPresenterButton(p, theme.NavigateNextIcon(), func() { p.act(actNext, 0) })
	v.fwd.IconPlacement = widget.ButtonIconTrailingText
	v.black = newPresenterButton(p, nil, func() {
		if p.show != nil && p.show.blank != nil {
			p.setBlank(nil)
		} else {
			p.act(actBlack, 0)
		}
	})
	for _, h := range []*widget.Label{v.nowHead, v.nextHead, v.notesHead} {
		h.Importance = widget.LowImportance
	}
	top := container.NewBorder(nil, nil, v.clock, v.counter)
	body := container.NewVBox(v.nowHead, v.now, v.nowMeta, widget.NewSeparator(), v.nextHead, v.next,
		widget.NewSeparator(), v.notesHead, v.notes, v.dsNote)
	buttons := container.NewHBox(v.prev, v.fwd, v.black)
	w := p.s.App.NewWindow("")
	v.w = w
	w.SetContent(container.NewBorder(top, buttons, nil, nil, container.NewVScroll(body)))
	w.Canvas().SetOnTypedKey(p.typedKey)
	w.SetOnClosed(func() { v.stopClock(); v.closed = true; v.detach() })
	w.Resize(fyne.NewSize(760, 560))
	pr.presenter = v
	v.update()
	w.Show()
	v.tick()
}

// detach forgets the window when it was closed by the user.
func (v *presenterView) detach() {
	if pr := v.p.show; pr != nil && pr.presenter == v {
		pr.presenter = nil
	}
}

// tick updates the clock once a second while the window is open.
func (v *presenterView) tick() {
	if v.closed {
		return
	}
	v.updateClock()
	v.tickStop = v.p.after(time.Second, v.tick)
}

func (v *presenterView) stopClock() {
	if v.tickStop != nil {
		v.tickStop()
		v.tickStop = nil
	}
}

func (v *presenterView) updateClock() {
	pr := v.p.show
	if pr == nil {
		return
	}
	v.clock.SetText(v.p.s.Loc.T("present.elapsed", "Time", elapsed(v.p.now().Sub(pr.started))))
}

// update shows the current state in the current language.
func (v *presenterView) update() {
	p, pr := v.p, v.p.show
	if pr == nil || v.closed {
		return
	}
	s, loc, d := p.s, p.s.Loc, pr.d
	v.w.SetTitle(loc.T("present.presenter_title"))
	v.nowHead.SetText(loc.T("present.now"))
	v.nextHead.SetText(loc.T("present.next"))
	v.notesHead.SetText(loc.T("present.notes"))
	v.prev.SetText(loc.T("present.button_prev"))
	v.fwd.SetText(loc.T("present.button_next"))
	if pr.blank != nil {
		v.black.SetText(loc.T("present.button_unblank"))
	} else {
		v.black.SetText(loc.T("present.button_black"))
	}
	v.counter.SetText("")
	if d.pos >= 0 {
		v.counter.SetText(loc.T("present.counter", "N", d.Number(), "Total", d.Len()))
	}
	if i := d.Event(); i >= 0 {
		v.now.SetText(s.EventTitle(i))
		v.nowMeta.SetText(loc.DateRange(s.Idx.Date(i), s.Idx.End(i)) + " · " + loc.T("status."+string(s.Idx.Status(i))))
	} else {
		v.now.SetText(loc.Text(d.title))
		v.nowMeta.SetText(loc.N("present.tour_stops", d.Len()))
	}
	if n := d.eventAt(d.pos + 1); n >= 0 {
		v.next.SetText(loc.ShortDate(s.Idx.Date(n)) + " · " + s.EventTitle(n))
	} else {
		v.next.SetText(loc.T("present.next_none"))
	}
	note := loc.Text(d.Note())
	if d.pos < 0 {
		note = loc.Text(d.intro)
	} else if note == "" {
		note = loc.T("present.notes_none")
	}
	v.notes.SetText(note)
	v.dsNote.Hide()
	if ev := p.cache[d.Event()]; ev != nil && !ev.Note.IsZero() {
		v.dsNote.SetText(loc.T("present.dataset_note") + ": " + loc.Text(ev.Note))
		v.dsNote.Show()
	}
	v.updateClock()
	// A label's new text may need more lines (a German title after L), but
	// a label's refresh does not lay out its column or the scroller again.
	v.w.Content().Refresh()
}

// close closes the window (the presentation ended).
func (v *presenterView) close() {
	v.stopClock()
	v.closed = true
	v.w.Close()
}

// presenterButton is a button of the presenter window that passes the
// keys it gets to the presentation. Fyne sends keys to the focused widget
// rather than to the window's handler, so after Tab gave a button the
// focus, a clicker's PageDown would otherwise do nothing (and Space would
// press the button, whichever it is).
type presenterButton struct {
	widget.Button
	p *Presenter
}

var _ fyne.Focusable = (*presenterButton)(nil)

func newPresenterButton(p *Presenter, icon fyne.Resource, tapped func()) *presenterButton {
	b := &presenterButton{p: p}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey drives the presentation as the window's keys do.
func (b *presenterButton) TypedKey(e *fyne.KeyEvent) { b.p.typedKey(e) }
