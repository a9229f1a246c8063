package timeline

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/assets"
	"aitimeline/data"
)

// referenceCut is the plain definition of a label's cut: shorten by a tenth
// until the text with "…" fits the cap.
func referenceCut(full string, fullW, limit, size float32) string {
	r := []rune(full)
	s, w := full, fullW
	for len(r) > 1 && w > limit {
		r = r[:len(r)*9/10]
		s = strings.TrimRight(string(r), " ,.;:–-") + "…"
		w = fyne.MeasureText(s, size, fyne.TextStyle{}).Width
	}
	return s
}

// The label cache finds the same cut from a proportional guess with a few
// measurements (it costs start-up time): every title of the dataset, in
// both languages, and synthetic ones, at every cap.
func TestLabelCutIsTheReferenceCut(t *testing.T) {
	test.NewTempApp(t)
	st, err := data.OpenEmbedded(assets.Dataset, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	idx := st.Index()
	var titles []string
	for i := 0; i < idx.Len(); i++ {
		titles = append(titles, idx.Title(i, data.EN), idx.Title(i, data.DE))
	}
	d := synthData(2000)
	for i := 0; i < d.Idx.Len(); i++ {
		titles = append(titles, d.Idx.Title(i, data.EN))
	}
	titles = append(titles, strings.Repeat("W", 300), "x", strings.Repeat("ab ", 200))
	for _, size := range []float32{13, 26} {
		for _, full := range titles {
			fullW := fyne.MeasureText(full, size, fyne.TextStyle{}).Width
			for k := range labelCaps {
				c := &labelCache{size: size, text: map[int32]*labelTexts{0: {full: full, fullW: fullW}}}
				got, _ := c.get(nil, 0, k)
				want := full
				if fullW > labelCaps[k] {
					want = referenceCut(full, fullW, labelCaps[k], size)
				}
				if got != want {
					t.Fatalf("%q at %v px (size %v): %q, want %q", full, labelCaps[k], size, got, want)
				}
			}
		}
	}
}
