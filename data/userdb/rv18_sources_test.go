package userdb

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestRV18PlainSourcesNeverDisagrees: whatever the direct path accepts,
// encoding/json accepts too and decodes to the same sources.
func TestRV18PlainSourcesNeverDisagrees(t *testing.T) {
	pieces := append([]string{}, sourceKeys[:]...)
	pieces = append(pieces, `"}`, `,`, `[`, `]`, `{`, `}`, `"`, `a`, ` `, "\x7f", "é", "\u2028", `\`, `\"`, `null`, `true`, `:`, `"kind":"`, `","title_descriptive":true`, "x", "<", "\xff", "\xc3", "\xed\xa0\x80")
	r := rand.New(rand.NewPCG(7, 8))
	accepted := 0
	for range 300000 {
		var sb strings.Builder
		sb.WriteString("[")
		for range r.IntN(20) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		// Bias towards near-valid lists.
		if r.IntN(2) == 0 {
			sb.Reset()
			sb.WriteString("[")
			for k := range r.IntN(3) {
				if k > 0 {
					sb.WriteString(pieces[r.IntN(len(pieces))])
				}
				for _, key := range sourceKeys {
					sb.WriteString(key)
					sb.WriteString(pieces[r.IntN(len(pieces))])
				}
				sb.WriteString(`"}`)
			}
		}
		sb.WriteString("]")
		s := sb.String()
		got, ok := plainSources(s)
		if !ok {
			continue
		}
		accepted++
		var sj []sourceJSON
		if err := json.Unmarshal([]byte(s), &sj); err != nil {
			t.Fatalf("plainSources accepted %q, encoding/json: %v", s, err)
		}
		if want := fromSourceJSON(sj); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: direct %+v, encoding/json %+v", s, got, want)
		}
	}
	t.Logf("%d accepted", accepted)
}
