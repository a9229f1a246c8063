package cite

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/data/loader"
)

// accessed is a fixed access date half an hour after midnight in Berlin: the
// caller's calendar date (30 November) counts, not UTC's (still the 29th).
var accessed = time.Date(2026, 11, 30, 0, 30, 0, 0, time.FixedZone("CET", 3600))

// sample has one source of every kind, an unknown kind, an archived copy,
// an archive URL that must be dropped, a duplicate URL in an account, a
// source without a date and hostile ones that must be skipped.
func sample() []data.Event {
	return []data.Event{
		{
			ID: "2015-12-11-openai-founded", Date: data.MustDate("2015-12-11"),
			Title: data.Text{EN: "OpenAI is founded as a non-profit AI lab", DE: "OpenAI wird als gemeinnütziges KI-Labor gegründet"},
			Sources: []data.Source{
				{Publisher: "OpenAI", Title: "Introducing OpenAI", Date: "2015-12-11", URL: "https://openai.com/index/introducing-openai/", Language: "en", Kind: "company"},
				{Publisher: "Süddeutsche Zeitung", Title: "„Künstliche Intelligenz“: Musk & Co. gründen OpenAI", Date: "2015-12", URL: "https://www.sueddeutsche.de/digital/ki_openai-1.2780000?reduced=true%20x", Language: "de", Kind: "news",
					ArchiveURL: "https://archive.ph/fUGqA"},
				{Publisher: "Evil", Title: "Click me", Date: "2015-12-11", URL: "javascript:alert(document.cookie)", Language: "en", Kind: "news"},
			},
		},
		{
			ID: "2024-02-29-musk-sues", Date: data.MustDate("2024-02-29"),
			Title: data.Text{EN: "Musk sues OpenAI and Altman", DE: "Musk verklagt OpenAI und Altman"},
			Sources: []data.Source{
				{Publisher: "273 Ventures (copy of the complaint)", Title: "Musk v. Altman et al., Complaint, CGC-24-612746", Date: "2024-02-29", URL: "https://273ventures.com/html/musk-v-altman-openai-complaint-sf.html", Language: "en", Kind: "court",
					ArchiveURL: "https://web.archive.org/web/20240301000000/https://273ventures.com/html/musk-v-altman.html#top"},
				{Publisher: "The American Presidency Project (UC Santa Barbara)", Title: "Remarks on Signing an Executive Order", Date: "2023", URL: "https://www.presidency.ucsb.edu/documents/remarks", Language: "en", Kind: "government"},
				{Publisher: "Tom Simonite on Twitter (via twtext)", Title: "Nine months after … OpenAI just...tweeted it out", Date: "2019-11-05", URL: "https://twtext.com/article/1191787637700317184", Language: "en", Kind: "post",
					ArchiveURL: "file:///etc/passwd"},
				{Publisher: "Procter and Gamble Press", Title: "A Book", Date: "", URL: "https://example.com/book", Language: "fr", Kind: "book"},
				{Publisher: "Some NGO", Title: "Open letter", Date: "2023-03-22", URL: "https://example.org/letter", Language: "xx-invalid-", Kind: "nonprofit"},
				{Publisher: "Local", Title: "Local file", Date: "2024", URL: "file:///home/user/secret.pdf", Kind: "other"},
			},
			Accounts: []data.Account{{Party: "openai", Sources: []data.Source{
				// The same URL as above, cited again: one entry only.
				{Publisher: "OpenAI", Title: "Introducing OpenAI", Date: "2015-12-11", URL: "https://openai.com/index/introducing-openai/", Language: "en", Kind: "company"},
				{Publisher: "Data", Title: "x", URL: "data:text/html,<script>alert(1)</script>", Kind: "other"},
			}}},
		},
	}
}

// sampleCited is how many distinct, http(s) sources sample() holds.
const sampleCited = 7

func sampleOptions() Options {
	return Options{Accessed: accessed, Lang: data.EN, IncludeEvents: true, DatasetVersion: "2026.11.29", DatasetDate: data.MustDate("2026-11-29")}
}

// hostile returns sources whose titles and publishers attack each format.
func hostile() []data.Source {
	long := strings.Repeat("Very long title ", 2000)
	titles := []string{
		`}{\\ closing first, then opening`,
		`{{{ three open`,
		`}}} three closed`,
		`\end{document} \input{/etc/passwd} \\ \ `,
		"line one\nline two\r\nline three\u2028four\tfive",
		`"double" 'single' „German“ «French» “curly”`,
		`100% & $5 #1 _under_ ~tilde^ <b>bold</b> |bar|`,
		"ER  - \r\nTY  - JOUR\r\nTI  - injected",
		"\x00null\x07bell\x1b[31mred\u202Eevil\u200Fmark",
		"@article{injected, title={x}}",
		"Ümläute ß 中文 emoji 🚀 ﬁ",
		"\xff\xfe invalid utf-8",
		long,
		"   ",
	}
	var out []data.Source
	for i, ti := range titles {
		out = append(out, data.Source{
			Publisher: titles[(i+3)%len(titles)], Title: ti, Date: "2024-0" + string(rune('1'+i%9)),
			URL: "https://example.com/h/" + string(rune('a'+i)) + "?q=a_b%20c&x=~y", Language: "en",
			Kind: []string{"news", "court", "company", "post", "government", "book", "other"}[i%7],
		})
	}
	out = append(out,
		data.Source{Publisher: "X", Title: "js", URL: "javascript:alert(1)", Kind: "news"},
		data.Source{Publisher: "X", Title: "js2", URL: " JavaScript:alert(1)", Kind: "news"},
		data.Source{Publisher: "X", Title: "js3", URL: "https://example.com/ok", ArchiveURL: "javascript:alert(2)", Kind: "news"},
		data.Source{Publisher: "X", Title: "vb", URL: "vbscript:msgbox(1)", Kind: "news"},
	)
	return out
}

// realDataset loads the bundled dataset from its TOML source.
func realDataset(t testing.TB) *data.Dataset {
	t.Helper()
	d, err := loader.Load(os.DirFS("../../assets"), "dataset")
	if err != nil {
		t.Fatalf("loading the bundled dataset: %v", err)
	}
	if len(d.Events) < 100 {
		t.Fatalf("only %d events in the bundled dataset", len(d.Events))
	}
	return d
}

func render(t *testing.T, f Format, sources []data.Source, events []data.Event, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, sources, events, opt); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return b.String()
}
