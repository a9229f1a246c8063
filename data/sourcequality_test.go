package data

import (
	"errors"
	"strings"
	"testing"
)

func TestDeniedBy(t *testing.T) {
	cases := []struct {
		url    string
		denied bool
	}{
		{"https://round-lake.dustinice.workers.dev:443/https/timesofindia.indiatimes.com/x", true},
		{"https://straightarrownews-preprod.go-vip.net/cc/x", true},
		{"https://businessplus-ie-preprod.go-vip.net/news/x", true},
		{"https://demo.decrypt.co/355242/x", true},
		{"https://staging.techi.com/?p=150403", true},
		{"https://memphis-cms.altnuxt.com/tag/xai-plant", true},
		{"https://newsbite.mooo.com/www.theaustralian.com.au/x", true},
		{"https://site-example.pages.dev/x", true},
		{"https://www-nytimes-com.translate.goog/x", true},
		{"https://proxy.eu.org/x", true},
		{"https://www.binance.com/en/square/post/123", true},
		{"https://feedman.me/posts/2aLTd", true},
		{"https://viralhive.xyz/x", true},
		{"https://news.hanna-ai.com/en/article/x", true},
		{"https://www.type0.ai/articles/x", true},
		{"https://www.reuters.com/technology/x", false},
		{"https://www.binance.com/en/markets", false}, // only square posts are denied
		{"https://dev.to/x", false},
		{"https://decrypt.co/355242/x", false},
		{"https://www.stagingtools.com/x", false}, // "staging." is a host prefix, not a substring
		{"not a url", false},
	}
	for _, c := range cases {
		if got := DeniedBy(c.url) != ""; got != c.denied {
			t.Errorf("DeniedBy(%q) = %q, want denied=%v", c.url, DeniedBy(c.url), c.denied)
		}
	}
}

func TestQualifies(t *testing.T) {
	src := func(publisher, url, kind string) Source {
		return Source{Publisher: publisher, Title: "T", Date: "2024-03-01", URL: url, Language: "en", Kind: kind}
	}
	cases := []struct {
		name string
		s    Source
		want bool
	}{
		{"newsroom at its own address", src("Reuters", "https://www.reuters.com/x", "news"), true},
		{"German newsroom", src("heise online", "https://www.heise.de/news/x.html", "news"), true},
		{"listed suffix on a subdomain", src("Investing.com Deutschland", "https://de.investing.com/news/x", "news"), true},
		{"look-alike host", src("Reuters", "https://notreuters.com/x", "news"), false},
		{"via copy on a listed host", src("Reuters (via CNA)", "https://www.channelnewsasia.com/x", "news"), true},
		{"via copy on a non-listed host", src("Reuters (via ARY News)", "https://arynews.tv/x", "news"), false},
		{"newsroom name on an unlisted blog", src("The Verge", "https://example-blog.net/verge-copy", "news"), false},
		{"company post", src("OpenAI", "https://openai.com/index/x/", "company"), true},
		{"person's own post", src("Elon Musk on X", "https://x.com/elonmusk/status/1", "post"), true},
		{"court filing on a docket host", src("U.S. District Court (via CourtListener)", "https://www.courtlistener.com/docket/1/x/", "court"), true},
		{"court filing copied to a document site", src("The New York Times Company (complaint, via Scribd)", "https://www.scribd.com/document/1/x", "court"), false},
		{"post on a tweet mirror", src("Tom Simonite on Twitter (via twtext)", "https://twtext.com/article/1", "post"), false},
		{"primary kind on a denied host", src("OpenAI", "https://openai-com.pages.dev/x", "company"), false},
		{"established newsroom on a denied subdomain", src("Decrypt", "https://demo.decrypt.co/x", "news"), false},
		{"SEO aggregator", src("ProAITools", "https://proaitools.net/blog/x", "news"), false},
		{"other kind on an unlisted host", src("Encyclopaedia Britannica", "https://britannica.com/x", "other"), false},
	}
	for _, c := range cases {
		if got := Qualifies(c.s); got != c.want {
			t.Errorf("%s: Qualifies = %v, want %v", c.name, got, c.want)
		}
	}
}

// sourced returns sample() with its events' sources replaced by s (accounts dropped).
func sourced(s ...Source) *Dataset {
	d := sample()
	for i := range d.Events {
		d.Events[i].Sources = append([]Source(nil), s...)
		d.Events[i].Accounts = nil
	}
	return d
}

func TestSourceProblems(t *testing.T) {
	good := Source{Publisher: "Reuters", Title: "Good", Date: "2024-03-01", URL: "https://www.reuters.com/a", Language: "en", Kind: "news"}
	blog := Source{Publisher: "Some Blog", Title: "Blog", Date: "2024-03-01", URL: "https://someblog.net/a", Language: "en", Kind: "news"}
	mirror := Source{Publisher: "Reuters", Title: "Mirror", Date: "2024-03-01", URL: "https://mirror.workers.dev/www.reuters.com/a", Language: "en", Kind: "news"}
	via := Source{Publisher: "Reuters (via Some Blog)", Title: "Via", Date: "2024-03-01", URL: "https://someblog.net/b", Language: "en", Kind: "news"}

	if p := SourceProblems(sourced(good)); len(p) != 0 {
		t.Fatalf("qualified dataset: %v", p)
	}
	if p := SourceProblems(sourced(good, blog, via)); len(p) != 0 {
		t.Fatalf("an extra non-qualifying source must be allowed next to a qualifying one: %v", p)
	}
	if p := SourceProblems(sample()); len(p) != 0 {
		t.Fatalf("reserved test hosts must pass: %v", p)
	}
	cases := []struct {
		name, want string
		d          *Dataset
	}{
		{"only an unlisted blog", "none from an established newsroom", sourced(blog)},
		{"only a via copy on an unlisted host", "none from an established newsroom", sourced(via)},
		{"mirror next to a good source", "denied host", sourced(good, mirror)},
		{"mirror in an account", "account 1: source https://mirror.workers.dev", func() *Dataset {
			d := sourced(good)
			d.Events[0].Accounts = []Account{{Party: "openai", Text: tx("OpenAI replied.", "OpenAI erwiderte."), Sources: []Source{mirror}}}
			return d
		}()},
	}
	for _, c := range cases {
		p := strings.Join(SourceProblems(c.d), "\n")
		if !strings.Contains(p, c.want) {
			t.Errorf("%s: problems %q, want one containing %q", c.name, p, c.want)
		}
	}
}

func TestUnreadTitleRejected(t *testing.T) {
	good := Source{Publisher: "Reuters", Title: "Musk sues OpenAI (headline from URL)", Date: "2024-03-01", URL: "https://www.reuters.com/a", Language: "en", Kind: "news"}
	if p := strings.Join(SourceProblems(sourced(good)), "\n"); !strings.Contains(p, "never checked") {
		t.Fatalf("an unread title must be rejected, got %q", p)
	}
	good.Title = "Musk sues OpenAI (title from URL; page read)"
	if p := SourceProblems(sourced(good)); len(p) != 0 {
		t.Fatalf("a read page's reconstructed title must pass: %v", p)
	}
	for _, ok := range []string{"Musk sues (headline not in copy)", "Musk sues (copy of The Verge article; headline not in copy)", "OpenAI (the lab) grows"} {
		good.Title = ok
		if p := SourceProblems(sourced(good)); len(p) != 0 {
			t.Fatalf("%q must pass: %v", ok, p)
		}
	}
	for _, bad := range []string{"Fördertopf (lead sentence; headline not shown; page read)", "DSA report (headline not in the stored excerpt)", "X (Title from the URL)"} {
		good.Title = bad
		if p := strings.Join(SourceProblems(sourced(good)), "\n"); !strings.Contains(p, "curators' note") {
			t.Fatalf("%q must be refused as a curators' note, got %q", bad, p)
		}
	}
}

func TestSourceRulePending(t *testing.T) {
	blog := Source{Publisher: "Some Blog", Title: "Blog", Date: "2024-03-01", URL: "https://someblog.net/a", Language: "en", Kind: "news"}
	good := Source{Publisher: "Reuters", Title: "Good", Date: "2024-03-01", URL: "https://www.reuters.com/a", Language: "en", Kind: "news"}
	saved := SourceRulePending
	defer func() { SourceRulePending = saved }()

	d := sourced(good)
	d.Events[0].Sources = []Source{blog}
	SourceRulePending = map[string]string{d.Events[0].ID: "no newsroom source found"}
	if p := SourceProblems(d); len(p) != 0 {
		t.Fatalf("pending event must be skipped: %v", p)
	}
	d.Events[0].Sources = []Source{blog, good}
	if p := strings.Join(SourceProblems(d), "\n"); !strings.Contains(p, "remove the entry") {
		t.Fatalf("a sourced event must be taken off the pending list, got %q", p)
	}
	SourceRulePending = map[string]string{"2099-01-01-no-such-event": "x"}
	if p := SourceProblems(sourced(good)); len(p) != 0 {
		t.Fatalf("Validate must not reject a pending entry for an event of another dataset: %v", p)
	}
	if p := strings.Join(PendingGoneProblems(sourced(good)), "\n"); !strings.Contains(p, "no such event") {
		t.Fatalf("a pending entry for a missing event must be reported, got %q", p)
	}
	SourceRulePending = map[string]string{d.Events[0].ID: "x"}
	if p := PendingGoneProblems(d); len(p) != 0 {
		t.Fatalf("an entry for an existing event is not gone: %v", p)
	}
}

func TestValidateAppliesSourceRule(t *testing.T) {
	d := sample()
	d.Events[1].Sources[0].URL = "https://staging.example-news.com/a"
	err := d.Validate(today)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "denied host") {
		t.Fatalf("Validate() = %v, want a denied-host problem", err)
	}
}

func TestSourceMix(t *testing.T) {
	d := sourced(
		Source{Publisher: "Court", Title: "A", Date: "2024", URL: "https://www.courtlistener.com/a", Language: "en", Kind: "court"},
		Source{Publisher: "heise", Title: "B", Date: "2024", URL: "https://www.heise.de/b", Language: "de", Kind: "news"},
		Source{Publisher: "Britannica", Title: "C", Date: "2024", URL: "https://britannica.com/c", Language: "en", Kind: "book"},
	)
	d.Events[0].Accounts = []Account{{Party: "openai", Text: tx("OpenAI replied.", "OpenAI erwiderte."),
		Sources: []Source{{Publisher: "OpenAI", Title: "D", Date: "2024", URL: "https://openai.com/d", Language: "en", Kind: "company"}}}}
	mix := SourceMix(d)
	if len(mix) != len(d.Events) || mix[0].EventID != d.Events[0].ID {
		t.Fatalf("mix not in dataset order: %+v", mix)
	}
	want := map[string]int{"court": 1, "company": 1, "post": 0, "government": 0, "news": 1, "other": 1}
	for k, n := range want {
		if mix[0].Counts[k] != n {
			t.Errorf("count %s = %d, want %d", k, mix[0].Counts[k], n)
		}
	}
	if !mix[0].Qualified || !mix[0].German {
		t.Errorf("qualified=%v german=%v, want both", mix[0].Qualified, mix[0].German)
	}
	d2 := sourced(Source{Publisher: "Blog", Title: "E", Date: "2024", URL: "https://someblog.net/e", Language: "en", Kind: "news"})
	if m := SourceMix(d2)[0]; m.Qualified || m.German {
		t.Errorf("blog-only event: qualified=%v german=%v, want neither", m.Qualified, m.German)
	}
}

func TestReservedHostProblems(t *testing.T) {
	if p := ReservedHostProblems(sample()); len(p) == 0 {
		t.Fatal("sample cites example.com; want problems")
	}
	good := Source{Publisher: "Reuters", Title: "Good", Date: "2024-03-01", URL: "https://www.reuters.com/a", Language: "en", Kind: "news"}
	if p := ReservedHostProblems(sourced(good)); len(p) != 0 {
		t.Fatalf("real hosts: %v", p)
	}
}

func TestSourceListsWellFormed(t *testing.T) {
	check := func(name string, list []string, allowPattern bool) {
		seen := map[string]bool{}
		for _, h := range list {
			switch {
			case h != strings.ToLower(strings.TrimSpace(h)):
				t.Errorf("%s: %q must be lowercase without spaces", name, h)
			case strings.Contains(h, "://"):
				t.Errorf("%s: %q must be a host, not a URL", name, h)
			case strings.HasPrefix(h, "www."):
				t.Errorf("%s: %q: drop the www. (suffixes match subdomains)", name, h)
			case !allowPattern && (strings.ContainsAny(h, "*/") || strings.HasSuffix(h, ".")):
				t.Errorf("%s: %q is a pattern, not a host suffix", name, h)
			case seen[h]:
				t.Errorf("%s: %q listed twice", name, h)
			}
			seen[h] = true
		}
	}
	check("EstablishedNewsrooms", EstablishedNewsrooms, false)
	check("PrimaryHosts", PrimaryHosts, false)
	check("DeniedHostPatterns", DeniedHostPatterns, true)
	for _, h := range EstablishedNewsrooms {
		if p := DeniedBy("https://" + h + "/x"); p != "" {
			t.Errorf("newsroom %q is also denied by %q", h, p)
		}
	}
	for id, why := range SourceRulePending {
		if strings.TrimSpace(why) == "" {
			t.Errorf("SourceRulePending %q: say what is missing", id)
		}
	}
}
