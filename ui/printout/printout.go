// Package printout makes the classroom's printed matter as PDF: hand-outs of
// a tour or date range (WriteHandout), the same as a worksheet with the dates
// left out and an answer key, and posters of the whole timeline over one or
// more sheets (WritePoster).
//
// Everything is vector graphics and real text: an embedded UTF-8 TrueType
// font (Fyne's Noto Sans, the app's own) so that German typography prints
// and the text can be searched and copied. Markers have the category colours
// and claim-status shapes of the timeline widget (timeline.CategoryColor,
// timeline.StatusShape), and the poster places labels with the widget's own
// layout (chrono.Layout). All labels go through the Localizer.
package printout

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/theme"
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// Paper is a sheet size.
type Paper string

// Paper sizes: hand-outs print on A4 or Letter (portrait), posters on A4,
// A3 or A2 (landscape).
const (
	A4     Paper = "A4"
	Letter Paper = "Letter"
	A3     Paper = "A3"
	A2     Paper = "A2"
)

// size is the portrait width and height of p in points, and whether p is known.
func (p Paper) size() (w, h float64, ok bool) {
	switch strings.ToLower(string(p)) {
	case "a4", "":
		return 595.28, 841.89, true
	case "letter":
		return 612, 792, true
	case "a3":
		return 841.89, 1190.55, true
	case "a2":
		return 1190.55, 1683.78, true
	}
	return 0, 0, false
}

// Error is an error the user sees: a message ID of the classroom catalog and
// its arguments (the same methods as interop.Localized), with an English
// text for logs.
type Error struct {
	ID   string
	Args []any
	text string
}

// Error implements error with an English text, for logs.
func (e *Error) Error() string { return e.text }

// MessageID is the catalog ID of the message to show.
func (e *Error) MessageID() string { return e.ID }

// MessageArgs are the message's template arguments as name, value pairs.
func (e *Error) MessageArgs() []any { return e.Args }

func errNoEvents() error {
	return &Error{ID: "classroom.err.no_events", text: "printout: no events to print"}
}

func errPaper(p Paper, allowed string) error {
	return &Error{ID: "classroom.err.paper", Args: []any{"Paper", string(p), "Allowed", allowed},
		text: fmt.Sprintf("printout: paper %q is not one of %s", p, allowed)}
}

// pt is one millimetre in points.
const mm = 72 / 25.4

// The embedded font family and its styles.
const family = "noto"

// fontSet holds what the documents need of the UI font: its bytes for
// embedding and which characters it has.
type fontSet struct {
	regular, bold, italic []byte
	has                   [65536 / 64]uint64 // characters present in regular and bold
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// fonts loads Fyne's theme fonts once: the same Noto Sans the app shows.
func fonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{
			regular: theme.DefaultTextFont().Content(), bold: theme.DefaultTextBoldFont().Content(),
			italic: theme.DefaultTextItalicFont().Content(),
		}
		// fpdf indexes its width table by character and holds only the
		// Basic Multilingual Plane, and draws nothing for a character the
		// font lacks: clean() keeps text to what both main styles have.
		var buf sfnt.Buffer
		var both [2]*sfnt.Font
		for i, b := range [][]byte{fs.regular, fs.bold} {
			f, err := sfnt.Parse(b)
			if err != nil {
				fontsErr = fmt.Errorf("printout: theme font: %w", err)
				return
			}
			both[i] = f
		}
		for r := rune(0x20); r < 0x10000; r++ {
			if r >= 0xd800 && r < 0xe000 {
				continue
			}
			a, err1 := both[0].GlyphIndex(&buf, r)
			b, err2 := both[1].GlyphIndex(&buf, r)
			if err1 == nil && err2 == nil && a != 0 && b != 0 {
				fs.has[r/64] |= 1 << (r % 64)
			}
		}
		fontsVal = fs
	})
	return fontsVal, fontsErr
}

func (fs *fontSet) covers(r rune) bool {
	return r >= 0 && r < 0x10000 && fs.has[r/64]&(1<<(r%64)) != 0
}

// clean makes s printable with the embedded font: broken UTF-8 repaired,
// line breaks kept (when
// keepBreaks), tabs as spaces, control and invisible characters dropped, a
// character the font lacks replaced by its decomposition (é → e + accent,
// ﬁ → fi) or, for letters and digits, "?"; other symbols (emoji) dropped.
func (fs *fontSet) clean(s string, keepBreaks bool) string {
	ok := utf8.ValidString(s) // fpdf's UTF-16 conversion panics on broken UTF-8
	for _, r := range s {
		if r < 0x20 || !fs.covers(r) || r == 0xad || (r >= 0x2000 && unicode.Is(unicode.Cf, r)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepBreaks:
			b.WriteRune('\n')
		case r == '\t' || r == '\n':
			b.WriteRune(' ')
		case r < 0x20 || r == 0xad || (r >= 0x7f && r < 0xa0) || unicode.Is(unicode.Cf, r):
		case fs.covers(r):
			b.WriteRune(r)
		default:
			alt := norm.NFKD.String(string(r))
			good := alt != string(r)
			var kept []rune
			for _, a := range alt {
				if unicode.Is(unicode.Mn, a) && !fs.covers(a) {
					continue
				}
				if !fs.covers(a) {
					good = false
					break
				}
				kept = append(kept, a)
			}
			switch {
			case good && len(kept) > 0:
				b.WriteString(string(kept))
			case unicode.IsLetter(r) || unicode.IsNumber(r):
				b.WriteRune('?')
			}
		}
	}
	return b.String()
}

// doc is an fpdf document with the embedded fonts and the localizer.
type doc struct {
	*fpdf.Fpdf
	fs  *fontSet
	loc *i18n.Localizer
}

// newDoc starts a document of the given page size (points) with the fonts
// loaded and the metadata set.
func newDoc(loc *i18n.Localizer, w, h float64, title string, created time.Time) (*doc, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	orient := "P"
	if w > h {
		orient = "L"
		w, h = h, w
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.AddUTF8FontFromBytes(family, "", fs.regular)
	pdf.AddUTF8FontFromBytes(family, "B", fs.bold)
	pdf.AddUTF8FontFromBytes(family, "I", fs.italic)
	d := &doc{Fpdf: pdf, fs: fs, loc: loc}
	pdf.SetTitle(d.clean(title), true)
	pdf.SetCreator(d.clean(loc.T("app.name")), true)
	pdf.SetLang(string(loc.Lang()))
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetFont(family, "", 10)
	return d, pdf.Error()
}

// clean is fontSet.clean for one-line text.
func (d *doc) clean(s string) string { return d.fs.clean(s, false) }

// font sets style ("", "B" or "I") and size.
func (d *doc) font(style string, size float64) { d.SetFont(family, style, size) }

// text colours.
var (
	ink   = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	muted = color.NRGBA{0x5f, 0x5f, 0x5f, 0xff}
	faint = color.NRGBA{0xb4, 0xb4, 0xb4, 0xff}
)

func (d *doc) textColor(c color.NRGBA) { d.SetTextColor(int(c.R), int(c.G), int(c.B)) }
func (d *doc) drawColor(c color.NRGBA) { d.SetDrawColor(int(c.R), int(c.G), int(c.B)) }
func (d *doc) fillColor(c color.NRGBA) { d.SetFillColor(int(c.R), int(c.G), int(c.B)) }

// fit cuts s (one line) to at most w points in the current font, ending it
// with "…" when cut.
func (d *doc) fit(s string, w float64) string {
	if d.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // the longest prefix that fits, by bisection
	for lo < hi {
		m := (lo + hi + 1) / 2
		if d.GetStringWidth(strings.TrimRight(string(r[:m]), " ,.;:–-")+"…") <= w {
			lo = m
		} else {
			hi = m - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return strings.TrimRight(string(r[:lo]), " ,.;:–-") + "…"
}

// marker draws an event's marker centred at (x, y), size points across: the
// claim status's shape in the category's colour, hollow shapes outlined in
// it, as the timeline widget draws them (its polygons are regular, the first
// corner straight up, turned by the shape's angle).
func (d *doc) marker(x, y, size float64, cat data.Category, st data.Status) {
	sh := timeline.StatusShape(st)
	col := timeline.CategoryColor(cat)
	d.SetLineJoinStyle("round")
	if sh.Hollow {
		d.drawColor(col)
		d.SetLineWidth(size * 0.2)
	} else {
		d.fillColor(col)
		d.drawColor(color.NRGBA{0x60, 0x60, 0x60, 0xff})
		d.SetLineWidth(size * 0.06)
	}
	style := "FD"
	if sh.Hollow {
		style = "D"
	}
	if sh.Sides == 0 {
		r := size / 2
		if sh.Hollow {
			r -= size * 0.1 // the stroke's outer edge on the circle's
		}
		d.Circle(x, y, r, style)
		return
	}
	// The widget draws polygons 2/12 larger than circles, as they look smaller.
	r := size * 7 / 12
	if sh.Hollow {
		r -= size * 0.1
	}
	pts := make([]fpdf.PointType, sh.Sides)
	for i := range pts {
		a := float64(sh.Angle)*math.Pi/180 - math.Pi/2 + 2*math.Pi*float64(i)/float64(sh.Sides)
		pts[i] = fpdf.PointType{X: x + r*math.Cos(a), Y: y + r*math.Sin(a)}
	}
	d.Polygon(pts, style)
}

// tickLabel is an axis label as the timeline widget writes it.
func tickLabel(loc *i18n.Localizer, tk chrono.Tick, u chrono.Unit, major bool) string {
	tm := tk.Time
	switch u {
	case chrono.DayUnit, chrono.Week:
		if major {
			return loc.Date(data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Precision: data.Day})
		}
		return fmt.Sprint(tm.Day())
	case chrono.Month:
		if major {
			return loc.Date(data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: 1, Precision: data.Month})
		}
		return loc.MonthShort(int(tm.Month()))
	case chrono.Hour:
		return fmt.Sprintf("%d:00", tm.Hour())
	}
	return fmt.Sprint(tm.Year())
}

// metaLine is "Facts as of … · Dataset …", the provenance every printout shows.
func metaLine(loc *i18n.Localizer, version string, asOf data.Date) string {
	var parts []string
	if !asOf.IsZero() {
		parts = append(parts, loc.T("classroom.as_of", "Date", loc.Date(asOf)))
	}
	if version != "" {
		parts = append(parts, loc.T("classroom.dataset", "Version", version))
	}
	return strings.Join(parts, " · ")
}
