package main

// Tests of the release plumbing: the version read from FyneApp.toml, the
// AppStream metainfo and desktop entry in packaging/, the package name the
// Makefile computes, install.sh, and the built package when there is one.

import (
	"archive/tar"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

const (
	desktopPath  = "packaging/io.github.aitimeline.aitimeline.desktop"
	metainfoPath = "packaging/io.github.aitimeline.aitimeline.metainfo.xml"
	installPath  = "packaging/install.sh"
	binaryName   = "aitimeline"
	// screenshotBase is where the metainfo's screenshots live: the project's
	// placeholder host, serving the files committed under assets/screenshots.
	screenshotBase = "https://github.com/aitimeline/aitimeline/raw/main/assets/screenshots/"
)

// fyneApp is what the packaging tests read of FyneApp.toml.
type fyneApp struct {
	Website string
	Details struct {
		ID, Name, Version, Icon string
	}
	LinuxAndBSD struct {
		GenericName, Comment string
		Categories, Keywords []string
	}
}

func readFyneApp(t *testing.T) fyneApp {
	t.Helper()
	var f fyneApp
	if _, err := toml.DecodeFile("FyneApp.toml", &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// catalog reads one of the app's message catalogs (flat string entries only).
func catalog(t *testing.T, path string) map[string]string {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile(path, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

func TestAppMetadataFromFyneAppToml(t *testing.T) {
	f := readFyneApp(t)
	if AppVersion != f.Details.Version || AppID != f.Details.ID {
		t.Fatalf("embedded %s %s, FyneApp.toml on disk %s %s", AppID, AppVersion, f.Details.ID, f.Details.Version)
	}
	if AppVersion != "0.3.2" {
		t.Fatalf("AppVersion = %q, this release is 0.3.2", AppVersion)
	}
	const good = "[Details]\nID = \"io.github.aitimeline.aitimeline\"\nVersion = \"1.2.3\"\n"
	tests := []struct {
		name, file, wantErr string
	}{
		{"valid", good, ""},
		{"other sections and comments", "# c\nWebsite = \"x\"\n[Details]\n  ID = \"org.example.App_2\"\n  Version = \"10.0.11\"\n  Build = 4\n[Other]\nVersion = \"9\"\n", ""},
		{"not TOML", "[Details\nVersion = 1", "FyneApp.toml"},
		{"no version", "[Details]\nID = \"io.github.a.b\"\n", "is not x.y.z"},
		{"two parts", "[Details]\nID = \"io.github.a.b\"\nVersion = \"0.2\"\n", "is not x.y.z"},
		{"v prefix", "[Details]\nID = \"io.github.a.b\"\nVersion = \"v0.2.0\"\n", "is not x.y.z"},
		{"leading zero", "[Details]\nID = \"io.github.a.b\"\nVersion = \"0.02.0\"\n", "is not x.y.z"},
		{"pre-release", "[Details]\nID = \"io.github.a.b\"\nVersion = \"0.2.0-rc1\"\n", "is not x.y.z"},
		{"version outside Details", "Version = \"1.0.0\"\n[Details]\nID = \"io.github.a.b\"\n", "is not x.y.z"},
		{"no ID", "[Details]\nVersion = \"1.0.0\"\n", "reverse-DNS"},
		{"one-part ID", "[Details]\nID = \"aitimeline\"\nVersion = \"1.0.0\"\n", "reverse-DNS"},
		{"ID with a hyphen", "[Details]\nID = \"io.github.ai-timeline.app\"\nVersion = \"1.0.0\"\n", "reverse-DNS"},
		{"ID part starting with a digit", "[Details]\nID = \"io.github.2ai.app\"\nVersion = \"1.0.0\"\n", "reverse-DNS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parseAppMetadata([]byte(tc.file))
			if tc.wantErr == "" {
				if err != nil || m.Version == "" || m.ID == "" {
					t.Fatalf("got %+v, %v", m, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Fatal("mustAppMetadata accepted a broken file")
		}
	}()
	mustAppMetadata([]byte("[Details]\n"))
}

// TestFyneAppTomlForFynePackage decodes FyneApp.toml the way fyne package
// (fyne.io/tools v1.7.4, cmd/fyne/internal/metadata) does: fyne build ignores
// a file it cannot read and builds without the metadata, so a key of the
// wrong type or place would only show up as a failing fyne package.
func TestFyneAppTomlForFynePackage(t *testing.T) {
	var f struct {
		Website, Description string
		Details              struct {
			Icon, Name, ID, Version string
			Build                   int
		}
		LinuxAndBSD *struct {
			GenericName, Comment, ExecParams string
			Categories, Keywords             []string
		}
		Languages  []string
		Migrations map[string]bool
	}
	md, err := toml.DecodeFile("FyneApp.toml", &f)
	if err != nil {
		t.Fatal(err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Fatalf("FyneApp.toml keys fyne package does not know: %v", u)
	}
	if f.Details.Build < 1 || !slices.Equal(f.Languages, []string{"en", "de"}) || !f.Migrations["fyneDo"] {
		t.Fatalf("FyneApp.toml: build %d, languages %q, migrations %v", f.Details.Build, f.Languages, f.Migrations)
	}
}

// The AppStream metainfo, as far as the tests read it. Elements that take a
// translation carry their xml:lang in Lang ("" is English).
type (
	metainfo struct {
		XMLName         xml.Name     `xml:"component"`
		Type            string       `xml:"type,attr"`
		ID              string       `xml:"id"`
		MetadataLicense string       `xml:"metadata_license"`
		ProjectLicense  string       `xml:"project_license"`
		Names           []langText   `xml:"name"`
		Summaries       []langText   `xml:"summary"`
		Description     description  `xml:"description"`
		Launchables     []launchable `xml:"launchable"`
		Binaries        []string     `xml:"provides>binary"`
		URLs            []launchable `xml:"url"`
		Screenshots     []screenshot `xml:"screenshots>screenshot"`
		ContentRating   struct {
			Type       string `xml:"type,attr"`
			Attributes []struct {
				ID    string `xml:"id,attr"`
				Value string `xml:",chardata"`
			} `xml:"content_attribute"`
		} `xml:"content_rating"`
		Releases []release `xml:"releases>release"`
	}
	langText struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text string `xml:",chardata"`
	}
	launchable struct {
		Type  string `xml:"type,attr"`
		Value string `xml:",chardata"`
	}
	// description keeps its children in order: p, ul and ol.
	description struct {
		Items []descItem `xml:",any"`
	}
	descItem struct {
		XMLName xml.Name
		Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text    string     `xml:",chardata"`
		Inner   []descItem `xml:",any"`
	}
	screenshot struct {
		Type     string     `xml:"type,attr"`
		Captions []langText `xml:"caption"`
		Images   []struct {
			Type string `xml:"type,attr"`
			URL  string `xml:",chardata"`
		} `xml:"image"`
	}
	release struct {
		Version     string      `xml:"version,attr"`
		Date        string      `xml:"date,attr"`
		Description description `xml:"description"`
	}
)

// byLang returns the texts of ts per language, failing on a language given twice.
func byLang(t *testing.T, what string, ts []langText) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, x := range ts {
		if _, dup := out[x.Lang]; dup {
			t.Errorf("%s: language %q given twice", what, x.Lang)
		}
		out[x.Lang] = strings.TrimSpace(x.Text)
	}
	return out
}

// paragraphs lists a description's paragraphs and list items per language,
// in order, with whitespace collapsed; it fails on elements AppStream does not
// allow in a description.
func paragraphs(t *testing.T, what string, d description) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, it := range d.Items {
		switch it.XMLName.Local {
		case "p":
			out[it.Lang] = append(out[it.Lang], strings.Join(strings.Fields(it.Text), " "))
		case "ul", "ol":
			if it.Lang != "" {
				t.Errorf("%s: a list carries xml:lang; its items should", what)
			}
			for _, li := range it.Inner {
				if li.XMLName.Local != "li" {
					t.Errorf("%s: <%s> inside <%s>", what, li.XMLName.Local, it.XMLName.Local)
				}
				out[li.Lang] = append(out[li.Lang], "• "+strings.Join(strings.Fields(li.Text), " "))
			}
		default:
			t.Errorf("%s: <%s> is not allowed in a description (p, ul, ol)", what, it.XMLName.Local)
		}
	}
	return out
}

// wellFormed reads the whole document, which xml.Unmarshal does not.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if roots != 1 {
				return fmt.Errorf("%d root elements", roots)
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

var (
	appIDFormat  = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){2,}$`)
	isoDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	oarsValues   = []string{"none", "mild", "moderate", "intense"}
	oarsIDs11    = strings.Fields("violence-cartoon violence-fantasy violence-realistic violence-bloodshed violence-sexual violence-desecration violence-slavery violence-worship drugs-alcohol drugs-narcotics drugs-tobacco sex-nudity sex-themes sex-homosexuality sex-prostitution sex-adultery sex-appearance language-profanity language-humor language-discrimination social-chat social-info social-audio social-location social-contacts money-purchasing money-gambling")
	changelogVer = regexp.MustCompile(`(?m)^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$`)
)

func readMetainfo(t *testing.T) metainfo {
	t.Helper()
	b, err := os.ReadFile(metainfoPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(b); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", metainfoPath, err)
	}
	var m metainfo
	if err := xml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMetainfo checks the AppStream rules that can be checked offline, and
// that the metainfo agrees with FyneApp.toml, the catalogs and the desktop entry.
func TestMetainfo(t *testing.T) {
	m := readMetainfo(t)
	f := readFyneApp(t)
	en, de := catalog(t, "i18n/active.en.toml"), catalog(t, "i18n/active.de.toml")

	if m.Type != "desktop-application" {
		t.Errorf("component type %q, want desktop-application", m.Type)
	}
	if m.ID != AppID || !appIDFormat.MatchString(m.ID) || strings.HasSuffix(m.ID, ".desktop") {
		t.Errorf("id %q: want the app ID %q in reverse-DNS form", m.ID, AppID)
	}
	if filepath.Base(metainfoPath) != m.ID+".metainfo.xml" {
		t.Errorf("file %s is not named after the id %s", metainfoPath, m.ID)
	}
	if m.MetadataLicense != "CC0-1.0" {
		t.Errorf("metadata_license %q, want CC0-1.0", m.MetadataLicense)
	}
	if m.ProjectLicense != "MIT" {
		t.Errorf("project_license %q, want MIT (the placeholder chosen until the project has a licence)", m.ProjectLicense)
	}

	names := byLang(t, "name", m.Names)
	if names[""] != f.Details.Name || names[""] != en["app.name"] || names["de"] != de["app.name"] {
		t.Errorf("names %q, want FyneApp.toml's and the catalogs' app.name (%q, %q)", names, en["app.name"], de["app.name"])
	}
	sums := byLang(t, "summary", m.Summaries)
	for _, l := range []string{"", "de"} {
		s := sums[l]
		first, _ := utf8.DecodeRuneInString(s)
		switch {
		case s == "":
			t.Errorf("summary[%s] missing", l)
		case utf8.RuneCountInString(s) > 35:
			t.Errorf("summary[%s] %q has %d characters, AppStream allows 35", l, s, utf8.RuneCountInString(s))
		case strings.HasSuffix(s, "."):
			t.Errorf("summary[%s] %q ends with a period", l, s)
		case !unicode.IsUpper(first):
			t.Errorf("summary[%s] %q does not start with a capital", l, s)
		case strings.HasPrefix(s, names[l]):
			t.Errorf("summary[%s] %q repeats the name", l, s)
		}
	}

	desc := paragraphs(t, "description", m.Description)
	for l, ps := range desc {
		if l != "" && l != "de" {
			t.Errorf("description in unexpected language %q", l)
		}
		for _, p := range ps {
			if len(p) < 3 {
				t.Errorf("description[%s]: empty paragraph", l)
			}
		}
	}
	if len(desc[""]) < 2 || !strings.HasPrefix(desc[""][0], "An ") || len(desc[""][0]) < 80 {
		t.Errorf("English description should open with a paragraph of at least 80 characters: %q", desc[""])
	}
	if len(desc["de"]) != len(desc[""]) {
		t.Errorf("description: %d English and %d German paragraphs and items", len(desc[""]), len(desc["de"]))
	}
	for i := range min(len(desc[""]), len(desc["de"])) {
		if strings.HasPrefix(desc[""][i], "•") != strings.HasPrefix(desc["de"][i], "•") {
			t.Errorf("description: English %q and German %q are not at the same place", desc[""][i], desc["de"][i])
		}
	}

	if len(m.Launchables) != 1 || m.Launchables[0].Type != "desktop-id" || m.Launchables[0].Value != filepath.Base(desktopPath) {
		t.Errorf("launchables %+v, want one desktop-id %s", m.Launchables, filepath.Base(desktopPath))
	}
	if filepath.Base(desktopPath) != AppID+".desktop" {
		t.Errorf("desktop file %s is not named after the app ID", desktopPath)
	}
	if !slices.Equal(m.Binaries, []string{binaryName}) {
		t.Errorf("provides binaries %q, want [%s]", m.Binaries, binaryName)
	}
	var homepage string
	for _, u := range m.URLs {
		if !strings.HasPrefix(u.Value, "https://") {
			t.Errorf("url %q is not https", u.Value)
		}
		if u.Type == "homepage" {
			homepage = u.Value
		}
	}
	if homepage != f.Website {
		t.Errorf("homepage %q, FyneApp.toml's Website %q", homepage, f.Website)
	}

	defaults := 0
	for i, s := range m.Screenshots {
		if s.Type == "default" {
			defaults++
		}
		caps := byLang(t, "caption", s.Captions)
		if caps[""] == "" || caps["de"] == "" || strings.HasSuffix(caps[""], ".") || strings.HasSuffix(caps["de"], ".") {
			t.Errorf("screenshot %d: captions %q, want English and German without a final period", i, caps)
		}
		if len(s.Images) == 0 {
			t.Errorf("screenshot %d has no image", i)
		}
		for _, img := range s.Images {
			u := strings.TrimSpace(img.URL)
			name, ok := strings.CutPrefix(u, screenshotBase)
			if !ok || img.Type != "source" {
				t.Errorf("screenshot %d: %s image %q, want a source image under %s", i, img.Type, u, screenshotBase)
				continue
			}
			if _, err := os.Stat(filepath.Join("assets/screenshots", name)); err != nil {
				t.Errorf("screenshot %d: %v (the URL must point at a committed screenshot)", i, err)
			}
		}
	}
	if len(m.Screenshots) == 0 || defaults != 1 {
		t.Errorf("%d screenshots, %d default: want at least one and exactly one default", len(m.Screenshots), defaults)
	}

	if m.ContentRating.Type != "oars-1.1" {
		t.Errorf("content_rating type %q, want oars-1.1", m.ContentRating.Type)
	}
	for _, a := range m.ContentRating.Attributes {
		if !slices.Contains(oarsIDs11, a.ID) || !slices.Contains(oarsValues, a.Value) {
			t.Errorf("content attribute %s = %q is not OARS 1.1", a.ID, a.Value)
		}
	}

	if len(m.Releases) == 0 || m.Releases[0].Version != AppVersion {
		t.Fatalf("the newest release must be the app version %s: %+v", AppVersion, m.Releases)
	}
	var newer time.Time
	for i, r := range m.Releases {
		d, err := time.Parse(time.DateOnly, r.Date)
		if err != nil || !isoDate.MatchString(r.Date) {
			t.Errorf("release %s: date %q is not YYYY-MM-DD", r.Version, r.Date)
			continue
		}
		if i > 0 && (!d.Before(newer) && d != newer || compareVersions(r.Version, m.Releases[i-1].Version) >= 0) {
			t.Errorf("releases are not newest first at %s (%s)", r.Version, r.Date)
		}
		newer = d
		rd := paragraphs(t, "release "+r.Version, r.Description)
		if len(rd[""]) == 0 || len(rd[""]) != len(rd["de"]) {
			t.Errorf("release %s: description paragraphs en %d, de %d", r.Version, len(rd[""]), len(rd["de"]))
		}
	}
}

// compareVersions compares two x.y.z versions numerically.
func compareVersions(a, b string) int {
	var x, y [3]int
	fmt.Sscanf(a, "%d.%d.%d", &x[0], &x[1], &x[2])
	fmt.Sscanf(b, "%d.%d.%d", &y[0], &y[1], &y[2])
	for i := range x {
		if x[i] != y[i] {
			return x[i] - y[i]
		}
	}
	return 0
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		sign int
	}{{"0.2.0", "0.1.0", 1}, {"0.10.0", "0.9.9", 1}, {"1.0.0", "1.0.0", 0}, {"0.1.9", "0.2.0", -1}} {
		if got := compareVersions(tc.a, tc.b); (got > 0) != (tc.sign > 0) || (got < 0) != (tc.sign < 0) {
			t.Errorf("compareVersions(%s, %s) = %d", tc.a, tc.b, got)
		}
	}
}

// TestChangelogMatchesReleases: CHANGELOG.md has a section per metainfo
// release, same version and date, in the same order.
func TestChangelogMatchesReleases(t *testing.T) {
	b, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, m := range changelogVer.FindAllStringSubmatch(string(b), -1) {
		log = append(log, m[1]+" "+m[2])
	}
	var rel []string
	for _, r := range readMetainfo(t).Releases {
		rel = append(rel, r.Version+" "+r.Date)
	}
	if !slices.Equal(log, rel) {
		t.Fatalf("CHANGELOG.md sections %q, metainfo releases %q", log, rel)
	}
}

func TestAppstreamcliValidate(t *testing.T) {
	cli, err := exec.LookPath("appstreamcli")
	if err != nil {
		t.Skip("appstreamcli is not installed (Debian: apt-get install appstream); the offline checks in TestMetainfo still ran")
	}
	out, err := exec.Command(cli, "validate", "--no-net", "--pedantic", "--no-color", metainfoPath).CombinedOutput()
	if err != nil {
		t.Fatalf("appstreamcli validate: %v\n%s", err, out)
	}
}

// readDesktop parses a desktop entry's [Desktop Entry] group.
func readDesktop(t *testing.T, path string) map[string]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	keys := map[string]string{}
	group := ""
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			group = line
		case group == "[Desktop Entry]":
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				t.Fatalf("%s: %q is not key=value", path, line)
			}
			if _, dup := keys[k]; dup {
				t.Fatalf("%s: %s twice", path, k)
			}
			keys[k] = v
		default:
			t.Fatalf("%s: %q outside [Desktop Entry]", path, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}

func list(s string) []string { return strings.Split(strings.TrimSuffix(s, ";"), ";") }

// TestDesktopEntry checks our desktop entry against FyneApp.toml (what fyne
// package would write), the catalogs (what the window shows) and
// desktop-file-validate when it is installed.
func TestDesktopEntry(t *testing.T) {
	d := readDesktop(t, desktopPath)
	f := readFyneApp(t)
	en, de := catalog(t, "i18n/active.en.toml"), catalog(t, "i18n/active.de.toml")
	want := map[string]string{
		"Type":        "Application",
		"Name":        f.Details.Name,
		"Name[de]":    de["app.name"],
		"GenericName": f.LinuxAndBSD.GenericName,
		"Comment":     f.LinuxAndBSD.Comment,
		"Exec":        binaryName, // no field codes: the app opens no files
		"Icon":        AppID,
		"Terminal":    "false",
		"Categories":  strings.Join(f.LinuxAndBSD.Categories, ";") + ";",
		"Keywords":    strings.Join(f.LinuxAndBSD.Keywords, ";") + ";",
		// GLFW names the window's class after RESOURCE_NAME, which gui.go
		// sets to the binary's name (else the translated title would be the
		// class, which a StartupWMClass cannot match in every language).
		"StartupWMClass": binaryName,
		"StartupNotify":  "false", // GLFW sends no startup notification
	}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s=%q, want %q", k, d[k], v)
		}
	}
	if f.Details.Name != en["app.name"] || f.LinuxAndBSD.Comment != en["app.tagline"] || d["Comment[de]"] != de["app.tagline"] {
		t.Errorf("name and comment should be the catalogs' app.name and app.tagline: %q %q %q", f.Details.Name, f.LinuxAndBSD.Comment, d["Comment[de]"])
	}
	for _, k := range []string{"GenericName[de]", "Keywords[de]"} {
		if strings.TrimSpace(d[k]) == "" {
			t.Errorf("%s missing", k)
		}
	}
	if kw := list(d["Keywords[de]"]); len(kw) < len(list(d["Keywords"])) || !slices.Contains(kw, "KI") {
		t.Errorf("Keywords[de] %q should be at least as many as the English ones and include KI", kw)
	}
	if !slices.Contains(list(d["Categories"]), "Education") {
		t.Errorf("Categories %q: the registered main category is Education", d["Categories"])
	}
	if fi, err := os.Stat(f.Details.Icon); err != nil || fi.Size() == 0 {
		t.Errorf("icon %s: %v", f.Details.Icon, err)
	}

	v, err := exec.LookPath("desktop-file-validate")
	if err != nil {
		t.Skip("desktop-file-validate is not installed (Debian: apt-get install desktop-file-utils)")
	}
	if out, err := exec.Command(v, desktopPath).CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("desktop-file-validate: %v\n%s", err, out)
	}
}

// TestPackageName: the Makefile names the package after FyneApp.toml's version.
func TestPackageName(t *testing.T) {
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skip("make is not installed")
	}
	out, err := exec.Command(mk, "-s", "--no-print-directory", "package-name").Output()
	if err != nil {
		t.Fatalf("make package-name: %v", err)
	}
	want := "dist/aitimeline-" + AppVersion + "-linux-" + runtime.GOARCH + ".tar.xz"
	if got := strings.TrimSpace(string(out)); got != want {
		t.Fatalf("make package-name = %q, want %q", got, want)
	}
}

// tree records every file and directory under root: mode, and content for files.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[rel] = "dir " + info.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = info.Mode().String() + " " + string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s is left over", what, k)
		}
	}
	for k, v := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("%s: %s is gone", what, k)
		} else if g != v {
			t.Errorf("%s: %s changed", what, k)
		}
	}
}

// fakePackage lays out an unpacked package as package.sh builds it, with a
// shell script for the binary.
func fakePackage(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "aitimeline-"+AppVersion+"-linux-amd64")
	files := map[string]string{
		"bin/aitimeline": "#!/bin/sh\necho aitimeline " + AppVersion + "\n",
		"share/icons/hicolor/512x512/apps/" + AppID + ".png": "png",
	}
	for dst, src := range map[string]string{
		"share/applications/" + AppID + ".desktop":  desktopPath,
		"share/metainfo/" + AppID + ".metainfo.xml": metainfoPath,
		"install.sh": installPath,
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		files[dst] = string(b)
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if name == "bin/aitimeline" || name == "install.sh" {
			mode = 0o755
		}
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sh runs script with args and PREFIX set, in a clean environment.
func sh(t *testing.T, prefix, script string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{script}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TMPDIR=" + t.TempDir(), "PREFIX=" + prefix}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestInstallUninstall runs install.sh against temporary prefixes: what it
// installs, that the installed entry starts the installed binary, and that
// uninstall restores the prefix exactly as it was.
func TestInstallUninstall(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	pkg := fakePackage(t)
	script := filepath.Join(pkg, "install.sh")
	ours := []string{
		"bin/aitimeline",
		"share/applications/" + AppID + ".desktop",
		"share/icons/hicolor/512x512/apps/" + AppID + ".png",
		"share/metainfo/" + AppID + ".metainfo.xml",
		"share/aitimeline/installed",
		"share/aitimeline/install.sh",
	}
	tests := []struct {
		name    string
		prefix  string            // relative to a fresh temporary folder
		before  map[string]string // files there before install ("" makes a directory)
		twice   bool              // install twice
		addMine string            // a file the user adds after install, which uninstall must keep
	}{
		{name: "nothing there", prefix: "home/.local"},
		{name: "a used ~/.local", prefix: "home/.local", before: map[string]string{
			"bin/other": "x", "share/applications/other.desktop": "y", "share/icons": "", "share/metainfo": ""}},
		{name: "installed twice", prefix: "p", before: map[string]string{"bin": ""}, twice: true},
		{name: "a user file in our directory", prefix: "p", addMine: "share/icons/hicolor/512x512/apps/mine.png"},
		{name: "prefix with a space", prefix: "my apps/.local"},
		{name: "prefix with characters the entry quotes", prefix: "it's (mine) & ~yours; #1|x/.local"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			prefix := filepath.Join(base, tc.prefix)
			if err := os.MkdirAll(filepath.Dir(prefix), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range tc.before {
				p := filepath.Join(prefix, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if body == "" {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
				} else if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := tree(t, base)
			for range 1 + btoi(tc.twice) {
				if out, err := sh(t, prefix, script); err != nil {
					t.Fatalf("install: %v\n%s", err, out)
				}
			}
			for _, f := range ours {
				if _, err := os.Stat(filepath.Join(prefix, f)); err != nil {
					t.Errorf("not installed: %v", err)
				}
			}
			out, err := exec.Command(filepath.Join(prefix, "bin/aitimeline")).Output()
			if err != nil || !strings.Contains(string(out), AppVersion) {
				t.Errorf("installed binary: %v %q", err, out)
			}
			rec, _ := os.ReadFile(filepath.Join(prefix, "share/aitimeline/installed"))
			if lines := strings.Split(strings.TrimSpace(string(rec)), "\n"); len(lines) != len(slices.Compact(slices.Sorted(slices.Values(lines)))) {
				t.Errorf("the record lists a path twice:\n%s", rec)
			}
			desktop := filepath.Join(prefix, "share/applications", AppID+".desktop")
			exe := filepath.Join(prefix, "bin/aitimeline")
			if strings.ContainsAny(exe, " \t'><~|&;*?#()") {
				exe = `"` + exe + `"`
			}
			if got := readDesktop(t, desktop)["Exec"]; got != exe {
				t.Errorf("installed Exec=%s, want %s", got, exe)
			}
			if v, err := exec.LookPath("desktop-file-validate"); err == nil {
				if out, err := exec.Command(v, desktop).CombinedOutput(); err != nil || len(out) > 0 {
					t.Errorf("desktop-file-validate on the installed entry: %v\n%s", err, out)
				}
			}
			if tc.addMine != "" {
				if err := os.WriteFile(filepath.Join(prefix, tc.addMine), []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			// The repository's copy uninstalls as well as the installed one.
			uninstaller := installPath
			if tc.twice {
				uninstaller = filepath.Join(prefix, "share/aitimeline/install.sh")
			}
			if out, err := sh(t, prefix, uninstaller, "uninstall"); err != nil {
				t.Fatalf("uninstall: %v\n%s", err, out)
			}
			after := tree(t, base)
			if tc.addMine != "" {
				if after[filepath.Join(tc.prefix, tc.addMine)] == "" {
					t.Errorf("uninstall removed the user's %s", tc.addMine)
				}
				for _, f := range ours {
					if _, err := os.Stat(filepath.Join(prefix, f)); err == nil {
						t.Errorf("%s is still there", f)
					}
				}
				return
			}
			sameTree(t, "after uninstall", after, before)

			// Uninstalling again changes nothing and says so.
			msg, err := sh(t, prefix, installPath, "uninstall")
			if err != nil || !strings.Contains(msg, "not installed") {
				t.Errorf("second uninstall: %v %q", err, msg)
			}
			sameTree(t, "after a second uninstall", tree(t, base), before)
		})
	}

	t.Run("refused prefixes", func(t *testing.T) {
		for _, p := range []string{"relative/.local", "/tmp/$HOME/x", "/tmp/a%b", "/tmp/a\"b", "/tmp/a`b", "/tmp/a\\b", "/tmp/a\nb"} {
			base := t.TempDir()
			before := tree(t, base)
			prefix := p
			if strings.HasPrefix(p, "/tmp/") {
				prefix = filepath.Join(base, strings.TrimPrefix(p, "/tmp/"))
			}
			out, err := sh(t, prefix, script)
			if err == nil || !strings.Contains(out, "PREFIX") {
				t.Errorf("PREFIX=%q: %v %q, want a refusal naming PREFIX", prefix, err, out)
			}
			sameTree(t, "after a refused install", tree(t, base), before)
		}
	})

	t.Run("not from a package", func(t *testing.T) {
		base := t.TempDir()
		before := tree(t, base)
		out, err := sh(t, filepath.Join(base, ".local"), installPath)
		if err == nil || !strings.Contains(out, "unpacked package") {
			t.Errorf("install from the repository: %v %q", err, out)
		}
		sameTree(t, "after a refused install", tree(t, base), before)
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestBuiltPackage checks dist/'s package for this version when make package
// has built it after the last change to packaging/ (skips otherwise): its
// layout, ownership and timestamps, and that it carries packaging/'s files.
func TestBuiltPackage(t *testing.T) {
	name := "aitimeline-" + AppVersion + "-linux-" + runtime.GOARCH
	path := filepath.Join("dist", name+".tar.xz")
	fi, err := os.Stat(path)
	if err != nil {
		t.Skipf("%s not built (make package)", path)
	}
	for _, src := range []string{desktopPath, metainfoPath, installPath, "FyneApp.toml"} {
		if si, err := os.Stat(src); err == nil && si.ModTime().After(fi.ModTime()) {
			t.Skipf("%s is older than %s: run make package to check it", path, src)
		}
	}
	xz, err := exec.LookPath("xz")
	if err != nil {
		t.Skip("xz is not installed")
	}
	raw, err := exec.Command(xz, "-dc", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"bin/aitimeline": "", "install.sh": installPath,
		"share/applications/" + AppID + ".desktop":           desktopPath,
		"share/metainfo/" + AppID + ".metainfo.xml":          metainfoPath,
		"share/icons/hicolor/512x512/apps/" + AppID + ".png": "assets/icon.png",
	}
	var mtime time.Time
	seen := map[string]bool{}
	tr := tar.NewReader(bytes.NewReader(raw))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rel, ok := strings.CutPrefix(strings.TrimSuffix(h.Name, "/"), name)
		if !ok {
			t.Errorf("%s is outside the top folder %s", h.Name, name)
			continue
		}
		rel = strings.TrimPrefix(rel, "/")
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" && h.Uname != "root" {
			t.Errorf("%s: owner %d:%d %s", h.Name, h.Uid, h.Gid, h.Uname)
		}
		if mtime.IsZero() {
			mtime = h.ModTime
		} else if !h.ModTime.Equal(mtime) {
			t.Errorf("%s: mtime %v, others %v", h.Name, h.ModTime, mtime)
		}
		if h.Typeflag == tar.TypeDir {
			if h.Mode&0o777 != 0o755 {
				t.Errorf("%s: mode %o", h.Name, h.Mode)
			}
			continue
		}
		src, ok := want[rel]
		if !ok {
			t.Errorf("unexpected %s", h.Name)
			continue
		}
		seen[rel] = true
		wantMode := int64(0o644)
		if rel == "bin/aitimeline" || rel == "install.sh" {
			wantMode = 0o755
		}
		if h.Mode&0o777 != wantMode {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode&0o777, wantMode)
		}
		body, _ := io.ReadAll(tr)
		if src != "" {
			if b, err := os.ReadFile(src); err != nil || !bytes.Equal(b, body) {
				t.Errorf("%s differs from %s", h.Name, src)
			}
		} else if !bytes.HasPrefix(body, []byte("\x7fELF")) {
			t.Errorf("%s is not an ELF binary", h.Name)
		}
	}
	for rel := range want {
		if !seen[rel] {
			t.Errorf("%s missing from %s", rel, path)
		}
	}
}
