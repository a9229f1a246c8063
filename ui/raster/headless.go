// Package raster paints the app's own canvas objects (rectangles, lines,
// circles, polygons, texts, rasters) into an image, without a display and
// without Fyne's test package, which a release binary must not link. It
// serves `aitimeline render` and File → Export view as image at 1×, 2× or 3×.
// Text is drawn with the theme's own fonts through golang.org/x/image.
//
// Headless gives tools a minimal Fyne app (theme, settings, text measuring)
// where no window system is present.
package raster

import (
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Fonts measures and draws text with the theme's fonts; faces are cached
// per style and size.
type Fonts struct {
	mu    sync.Mutex
	fonts map[fyne.TextStyle]*opentype.Font
	faces map[faceKey]font.Face
}

type faceKey struct {
	style fyne.TextStyle
	size  float32
}

// NewFonts returns an empty font cache.
func NewFonts() *Fonts {
	return &Fonts{fonts: map[fyne.TextStyle]*opentype.Font{}, faces: map[faceKey]font.Face{}}
}

func (f *Fonts) face(style fyne.TextStyle, size float32) font.Face {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := faceKey{fyne.TextStyle{Bold: style.Bold, Italic: style.Italic}, size}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	ft, ok := f.fonts[k.style]
	if !ok {
		res := theme.DefaultTheme().Font(k.style)
		var err error
		ft, err = opentype.Parse(res.Content())
		if err != nil {
			ft, _ = opentype.Parse(theme.DefaultTextFont().Content())
		}
		f.fonts[k.style] = ft
	}
	fc, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	f.faces[k] = fc
	return fc
}

// Measure is the size of text and its baseline, as Fyne's drivers report it.
func (f *Fonts) Measure(text string, size float32, style fyne.TextStyle) (fyne.Size, float32) {
	fc := f.face(style, size)
	if fc == nil {
		return fyne.NewSize(float32(len(text))*size*0.55, size*1.3), size
	}
	m := fc.Metrics()
	w := font.MeasureString(fc, text)
	h := m.Ascent + m.Descent
	return fyne.NewSize(fix(w), fix(h)), fix(m.Ascent)
}

func fix(v fixed.Int26_6) float32 { return float32(v) / 64 }

// Headless is a minimal Fyne app for drawing without a window system: it
// has settings with a theme and measures text with the theme's fonts;
// everything that needs a display does nothing.
type Headless struct {
	settings *settings
	driver   *driver
}

// NewHeadless makes a headless app current (fyne.CurrentApp) with theme th.
func NewHeadless(th fyne.Theme) *Headless {
	a := &Headless{settings: &settings{theme: th}, driver: &driver{fonts: NewFonts()}}
	fyne.SetCurrentApp(a)
	return a
}

// Fonts is the app's font cache (the painter draws with it too).
func (a *Headless) Fonts() *Fonts { return a.driver.fonts }

func (a *Headless) NewWindow(string) fyne.Window        { return nil }
func (a *Headless) OpenURL(*url.URL) error              { return nil }
func (a *Headless) Icon() fyne.Resource                 { return nil }
func (a *Headless) SetIcon(fyne.Resource)               {}
func (a *Headless) Run()                                {}
func (a *Headless) Quit()                               {}
func (a *Headless) Driver() fyne.Driver                 { return a.driver }
func (a *Headless) UniqueID() string                    { return "headless" }
func (a *Headless) SendNotification(*fyne.Notification) {}
func (a *Headless) Settings() fyne.Settings             { return a.settings }
func (a *Headless) Preferences() fyne.Preferences       { return nil }
func (a *Headless) Storage() fyne.Storage               { return nil }
func (a *Headless) Lifecycle() fyne.Lifecycle           { return nil }
func (a *Headless) Metadata() fyne.AppMetadata          { return fyne.AppMetadata{} }
func (a *Headless) CloudProvider() fyne.CloudProvider   { return nil }
func (a *Headless) SetCloudProvider(fyne.CloudProvider) {}
func (a *Headless) Clipboard() fyne.Clipboard           { return nil }

type settings struct{ theme fyne.Theme }

func (s *settings) Theme() fyne.Theme                    { return s.theme }
func (s *settings) SetTheme(t fyne.Theme)                { s.theme = t }
func (s *settings) ThemeVariant() fyne.ThemeVariant      { return theme.VariantDark }
func (s *settings) Scale() float32                       { return 1 }
func (s *settings) PrimaryColor() string                 { return "" }
func (s *settings) AddChangeListener(chan fyne.Settings) {}
func (s *settings) AddListener(func(fyne.Settings))      {}
func (s *settings) BuildType() fyne.BuildType            { return fyne.BuildRelease }
func (s *settings) ShowAnimations() bool                 { return false }

type driver struct{ fonts *Fonts }

func (d *driver) CreateWindow(string) fyne.Window { return nil }
func (d *driver) AllWindows() []fyne.Window       { return nil }
func (d *driver) RenderedTextSize(text string, size float32, style fyne.TextStyle, _ fyne.Resource) (fyne.Size, float32) {
	return d.fonts.Measure(text, size, style)
}
func (d *driver) CanvasForObject(fyne.CanvasObject) fyne.Canvas             { return nil }
func (d *driver) AbsolutePositionForObject(fyne.CanvasObject) fyne.Position { return fyne.Position{} }
func (d *driver) Device() fyne.Device                                       { return nil }
func (d *driver) Run()                                                      {}
func (d *driver) Quit()                                                     {}
func (d *driver) StartAnimation(*fyne.Animation)                            {}
func (d *driver) StopAnimation(*fyne.Animation)                             {}
func (d *driver) DoubleTapDelay() time.Duration                             { return 300 * time.Millisecond }
func (d *driver) SetDisableScreenBlanking(bool)                             {}
func (d *driver) DoFromGoroutine(fn func(), _ bool)                         { fn() }
