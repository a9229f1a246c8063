package ui

import (
	"fyne.io/fyne/v2/widget"
)

// Status is the window's status line: one message at a time (a count of
// search hits, "Quellenangabe kopiert", "Opening …"), in the readable
// secondary colour.
type Status struct {
	text *widget.RichText
	msg  string
	who  string // the pane that set the message, so it can clear only its own
}

func newStatus() *Status { return &Status{text: secondary("", false)} }

// Set shows msg on behalf of pane who.
func (s *Status) Set(who, msg string) {
	s.who, s.msg = who, msg
	setSecondary(s.text, msg)
}

// Clear removes the message if pane who set it.
func (s *Status) Clear(who string) {
	if s.who == who {
		s.Set("", "")
	}
}

// Text is the message shown.
func (s *Status) Text() string { return s.msg }
