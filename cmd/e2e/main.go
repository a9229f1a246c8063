// Command e2e drives the real app window: it starts bin/aitimeline under a
// private Xvfb display with the real (GLFW/OpenGL) driver on a 100,000-event
// synthetic dataset, drives it with xdotool, and checks from outside what
// Fyne's test driver cannot see: that a click selects and the detail pane
// follows within 100 ms, that the list follows a window resize, that the
// language switches, that the People and Sources tabs open, and that closing
// the window (the window manager's close message, WM_DELETE_WINDOW, not a
// kill) while a search runs ends the process within 2 s with the
// preferences saved, and that a note typed in the notebook is saved about
// a second after the last key and survives a SIGKILL. The app reports its steps through
// AITIMELINE_TRACE.
//
//	go run -tags sqlite_fts5,migrated_fynedo ./cmd/e2e [-app bin/aitimeline] [-events 100000]
//
// It needs xvfb, xdotool and python3 (make e2e installs the first two).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"aitimeline/data"
	"aitimeline/data/synth"
)

// closeScript sends a window the close message a window manager sends when
// its close button is clicked (Xvfb has no window manager).
const closeScript = `
import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XInternAtom.restype = ctypes.c_ulong
d = x.XOpenDisplay(None)
if not d:
    sys.exit("cannot open the display")
win = int(sys.argv[1])
class Ev(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("l", ctypes.c_long * 5), ("pad", ctypes.c_char * 96)]
ev = Ev()
ev.type = 33  # ClientMessage
ev.window = win
ev.message_type = x.XInternAtom(ctypes.c_void_p(d), b"WM_PROTOCOLS", 0)
ev.format = 32
ev.l[0] = x.XInternAtom(ctypes.c_void_p(d), b"WM_DELETE_WINDOW", 0)
ev.l[1] = 0
x.XSendEvent(ctypes.c_void_p(d), ctypes.c_ulong(win), 0, 0, ctypes.byref(ev))
x.XFlush(ctypes.c_void_p(d))
`

type run struct {
	display string
	trace   string
	app     *exec.Cmd
	exited  chan error
	win     string
	failed  int
}

func main() {
	appPath := flag.String("app", "bin/aitimeline", "the app binary")
	events := flag.Int("events", 100000, "synthetic events")
	flag.Parse()
	start := time.Now()
	r := &run{}
	if err := r.main(*appPath, *events); err != nil {
		fmt.Println("e2e: FAIL:", err)
		os.Exit(1)
	}
	if r.failed > 0 {
		fmt.Printf("e2e: %d check(s) failed (%.0f s)\n", r.failed, time.Since(start).Seconds())
		os.Exit(1)
	}
	fmt.Printf("e2e: all checks passed (%.0f s)\n", time.Since(start).Seconds())
}

func (r *run) check(ok bool, format string, args ...any) {
	status := "ok  "
	if !ok {
		status = "FAIL"
		r.failed++
	}
	fmt.Printf("  %s %s\n", status, fmt.Sprintf(format, args...))
}

func (r *run) main(appPath string, n int) error {
	dir, err := os.MkdirTemp("", "aitimeline-e2e-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cache := filepath.Join(os.TempDir(), "aitimeline-e2e")
	os.MkdirAll(cache, 0o755)
	db := filepath.Join(cache, fmt.Sprintf("synth-%d-v%d.db", n, data.SchemaVersion))
	if _, err := os.Stat(db); err != nil {
		fmt.Printf("e2e: writing a %d-event synthetic dataset …\n", n)
		if err := data.WriteSQLite(synth.Generate(n, 1), db+".tmp"); err != nil {
			return err
		}
		os.Rename(db+".tmp", db)
	}
	// A private display: a number whose Xvfb is ours and still runs after
	// its start (an Xvfb that finds the display taken exits at once, and
	// the app would then open on another program's display).
	num := 700 + os.Getpid()%200
	var xvfb *exec.Cmd
	for tries := 0; ; tries++ {
		for ; ; num++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", num)); err != nil {
				break
			}
		}
		r.display = fmt.Sprintf(":%d", num)
		xvfb = exec.Command("Xvfb", r.display, "-screen", "0", "1600x900x24", "-nolisten", "tcp")
		if err := xvfb.Start(); err != nil {
			return fmt.Errorf("Xvfb: %w (install xvfb)", err)
		}
		done := make(chan struct{})
		go func() { xvfb.Wait(); close(done) }()
		select {
		case <-done:
			if tries == 10 {
				return fmt.Errorf("Xvfb: no free display from :%d", num)
			}
			num++
			continue
		case <-time.After(700 * time.Millisecond):
		}
		break
	}
	defer xvfb.Process.Kill()

	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o755)
	r.trace = filepath.Join(dir, "trace.log")
	r.app = exec.Command(appPath, "--dataset", db, "--lang", "en")
	r.app.Env = append(os.Environ(), "DISPLAY="+r.display, "HOME="+home, "AITIMELINE_TRACE="+r.trace,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "LANG=en_US.UTF-8")
	r.app.Stdout, r.app.Stderr = os.Stdout, os.Stderr
	launched := time.Now()
	if err := r.app.Start(); err != nil {
		return err
	}
	r.exited = make(chan error, 1)
	go func() { r.exited <- r.app.Wait() }()
	defer r.app.Process.Kill()

	ready, ok := r.wait("ready", 60*time.Second, 0)
	if !ok {
		return fmt.Errorf("the app did not get ready (trace: %s)", r.tail())
	}
	fmt.Printf("e2e: %s events, ready %.1f s after launch\n", strings.Fields(ready)[2], float64(r.ms(ready)-launched.UnixMilli())/1000)
	for k := 0; k < 50 && r.win == ""; k++ {
		// Mapped windows only: the "ready" line can come before GLFW shows
		// the window, and a resize sent to a window not yet shown is
		// undone when it is shown (the later checks then ran on a window
		// of another size than they asked for).
		out, _ := r.xdo("search", "--onlyvisible", "--pid", strconv.Itoa(r.app.Process.Pid))
		if f := strings.Fields(out); len(f) > 0 {
			r.win = f[len(f)-1]
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if r.win == "" {
		return fmt.Errorf("no window found")
	}
	time.Sleep(500 * time.Millisecond) // its first frames
	// 0. The window fits the screen as it opens (a fresh home: no saved
	// size), and a 1024×740 window (a projector) is not made larger by
	// its minimum size.
	w0, h0 := r.geometry()
	r.check(w0 > 0 && w0 <= 1600 && h0 <= 900, "the window opens at %d×%d on a 1600×900 screen", w0, h0)
	r.xdo("windowsize", r.win, "1024", "740")
	w1, h1 := r.geometryAfter(1024, 740)
	r.check(w1 == 1024 && h1 == 740, "resized to 1024×740 the window is %d×%d (its minimum size fits)", w1, h1)
	r.xdo("windowsize", r.win, "1600", "900")
	time.Sleep(800 * time.Millisecond)

	// 1. Wheel zoom: the window narrows.
	before := r.lines()
	r.xdo("mousemove", "--window", r.win, "800", "260", "click", "--repeat", "8", "--delay", "40", "4")
	time.Sleep(800 * time.Millisecond)
	vps := r.since(before, "viewport")
	r.check(len(vps) >= 4 && span(vps[len(vps)-1]) < span(vps[0]), "wheel zoom: %d window changes, span %.0f → %.0f days", len(vps), span(first(vps))/86400, span(last(vps))/86400)

	// 2. A click selects at once and the detail pane follows within 100 ms.
	// Where the first labelled event is now: the app reports it on request
	// (Home selects the first event, then Escape clears; the label line is
	// reported at start). Click the label the app reported at start, after
	// zooming back out to the whole span.
	before = r.lines()
	r.xdo("key", "ctrl+0")
	time.Sleep(700 * time.Millisecond)
	// The label line the app writes once the whole span is drawn (the one
	// at start may come before the window is shown, at other positions).
	label, ok := r.wait("label", 2*time.Second, before)
	if ok {
		f := strings.Fields(label)
		ref, x, y := f[2], f[3], f[4]
		before = r.lines()
		t0 := time.Now().UnixMilli()
		r.xdo("mousemove", "--window", r.win, x, y, "click", "1")
		sel, okSel := r.wait("select "+ref, 2*time.Second, before)
		det, okDet := r.wait("detail "+ref, 2*time.Second, before)
		r.check(okSel && okDet && r.ms(det)-t0 <= 100, "click selects event %s (after %d ms) and the detail pane shows it %d ms after the click (limit 100; %s)",
			ref, r.ms(sel)-t0, r.ms(det)-t0, after(det, 2))
		if !okSel {
			fmt.Printf("       clicked at %s,%s (label line %q); trace ends: %s\n", x, y, label, r.tail())
		}
		full, okFull := r.wait("detail-full "+ref, 2*time.Second, before)
		r.check(okFull && r.ms(full)-t0 <= 500, "its summary, read off the UI goroutine, follows %d ms after the click (limit 500; %s)",
			r.ms(full)-t0, after(full, 2))
	} else {
		r.check(false, "the app reported no labelled event to click")
	}

	// 3. Resizing the window: the list follows the timeline's window.
	before = r.lines()
	r.xdo("windowsize", r.win, "1200", "800")
	time.Sleep(1200 * time.Millisecond)
	vps = r.since(before, "viewport")
	if len(vps) > 0 {
		f := append(strings.Fields(last(vps)), make([]string, 9)...)
		r.check(f[6] != "" && f[6] == f[8], "after resizing to 1200×800 the list shows %s rows for %s events in the window", f[6], f[8])
	} else {
		r.check(false, "resizing the window did not change the timeline's window")
	}
	r.xdo("windowsize", r.win, "1600", "900")
	time.Sleep(1000 * time.Millisecond)

	// 4. Language: the Language menu, then Deutsch.
	before = r.lines()
	r.xdo("mousemove", "--window", r.win, "141", "13", "click", "1")
	time.Sleep(500 * time.Millisecond)
	r.xdo("mousemove", "--window", r.win, "170", "84", "click", "1")
	_, ok = r.wait("lang de", 3*time.Second, before)
	r.check(ok, "the Language menu switches to German")

	// 5. People and Sources tabs open.
	before = r.lines()
	r.xdo("key", "ctrl+2")
	_, okP := r.wait("tab people", 3*time.Second, before)
	r.xdo("key", "ctrl+3")
	_, okS := r.wait("tab sources", 3*time.Second, before)
	r.xdo("key", "ctrl+1")
	r.check(okP && okS, "Ctrl+2 and Ctrl+3 open the People and Sources tabs")

	// 6. Close the window while a search runs: the process ends within 2 s
	// and the window size is saved.
	r.xdo("key", "ctrl+f")
	r.xdo("type", "--delay", "5", "Klage Urteil")
	t0 := time.Now()
	closer := exec.Command("python3", "-c", closeScript, r.win)
	closer.Env = append(os.Environ(), "DISPLAY="+r.display)
	if out, err := closer.CombinedOutput(); err != nil {
		return fmt.Errorf("sending WM_DELETE_WINDOW: %v %s", err, out)
	}
	select {
	case <-r.exited:
		r.check(time.Since(t0) < 2*time.Second, "closing during a search ends the process after %d ms (limit 2000)", time.Since(t0).Milliseconds())
	case <-time.After(5 * time.Second):
		r.check(false, "the process was still running 5 s after the close message (its goroutines follow; trace: %s)", r.tail())
		r.app.Process.Signal(syscall.SIGQUIT) // Go prints every goroutine's stack to stderr
		<-r.exited
	}
	_, closed := r.wait("closed", 100*time.Millisecond, 0)
	prefs, _ := os.ReadFile(filepath.Join(home, ".config", "fyne", "io.github.aitimeline.aitimeline", "preferences.json"))
	r.check(closed && strings.Contains(string(prefs), "window.width") && strings.Contains(string(prefs), "layout.list_detail"),
		"the close took the app's close path and saved window size and split positions")
	if !closed || !strings.Contains(string(prefs), "layout.list_detail") {
		fmt.Printf("       closed line %v; preferences: %.300s; trace ends: %s\n", closed, prefs, r.tail())
	}

	// 7. A note typed in the notebook is saved about a second after the
	// last key and survives a SIGKILL right after.
	return r.noteSurvivesKill(appPath, db, dir, home)
}

// noteSurvivesKill starts the app on a fresh notebook, selects an event,
// types a note, kills the process with SIGKILL as soon as the app says it
// saved, and reads the notebook with the command line.
func (r *run) noteSurvivesKill(appPath, db, dir, home string) error {
	nbPath := filepath.Join(dir, "notebook.db")
	trace := filepath.Join(dir, "trace2.log")
	r.trace = trace
	app := exec.Command(appPath, "--dataset", db, "--lang", "en", "--notebook", nbPath)
	app.Env = append(os.Environ(), "DISPLAY="+r.display, "HOME="+home, "AITIMELINE_TRACE="+trace,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "LANG=en_US.UTF-8")
	app.Stdout, app.Stderr = os.Stdout, os.Stderr
	if err := app.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer app.Process.Kill()
	if _, ok := r.wait("notebook ready", 60*time.Second, 0); !ok {
		return fmt.Errorf("the notebook did not load (trace: %s)", r.tail())
	}
	win := ""
	for k := 0; k < 50 && win == ""; k++ {
		out, _ := r.xdo("search", "--onlyvisible", "--pid", strconv.Itoa(app.Process.Pid))
		if f := strings.Fields(out); len(f) > 0 {
			win = f[len(f)-1]
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if win == "" {
		return fmt.Errorf("no window found for the notebook run")
	}
	r.xdo("windowactivate", "--sync", win)
	before := r.lines()
	r.xdo("key", "--window", win, "Home")
	if _, ok := r.wait("detail", 5*time.Second, before); !ok {
		r.check(false, "Home did not select an event (trace: %s)", r.tail())
		return nil
	}
	before = r.lines()
	r.xdo("key", "--window", win, "ctrl+shift+n")
	if _, ok := r.wait("note edit", 5*time.Second, before); !ok {
		r.check(false, "Ctrl+Shift+N did not open the note for writing (trace: %s)", r.tail())
		return nil
	}
	words := "Musk alleged a breach e2e kill test"
	before = r.lines()
	r.xdo("type", "--window", win, "--delay", "20", words)
	typed := time.Now()
	// Saved about a second after the last key, without any other action;
	// then the process is killed at once.
	saved, ok := r.wait("note saved", 5*time.Second, before)
	app.Process.Signal(syscall.SIGKILL)
	<-exited
	if ok {
		f := strings.Fields(saved)
		r.check(f[len(f)-1] == strconv.Itoa(len(words)), "the note was saved %d ms after the last key (%s bytes)", r.ms(saved)-typed.UnixMilli(), f[len(f)-1])
	} else {
		r.check(false, "the note was not saved within 5 s of the last key (trace: %s)", r.tail())
	}
	out, err := exec.Command(appPath, "note", "list", "--notebook", nbPath, "--lang", "en").CombinedOutput()
	r.check(err == nil && strings.Contains(string(out), words), "after SIGKILL the notebook has the note: %q", strings.TrimSpace(string(out)))
	return nil
}

// geometry is the app window's size in pixels (0, 0 if unknown).
// geometryAfter is the window's size once it is w×h, or what it is after
// 3 s (a loaded machine may take longer than a frame to apply a resize).
func (r *run) geometryAfter(w, h int) (int, int) {
	deadline := time.Now().Add(3 * time.Second)
	for {
		time.Sleep(200 * time.Millisecond)
		gw, gh := r.geometry()
		if (gw == w && gh == h) || time.Now().After(deadline) {
			time.Sleep(300 * time.Millisecond) // and a relayout after it
			return gw, gh
		}
	}
}

func (r *run) geometry() (w, h int) {
	out, _ := r.xdo("getwindowgeometry", "--shell", r.win)
	for _, l := range strings.Fields(out) {
		if v, ok := strings.CutPrefix(l, "WIDTH="); ok {
			w, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(l, "HEIGHT="); ok {
			h, _ = strconv.Atoi(v)
		}
	}
	return w, h
}

func (r *run) xdo(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+r.display)
	out, err := cmd.Output()
	return string(out), err
}

// lines returns the number of trace lines so far (a mark for since and wait).
func (r *run) lines() int { return len(r.read()) }

func (r *run) read() []string {
	f, err := os.Open(r.trace)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// since returns the trace lines after mark whose step is kind.
func (r *run) since(mark int, kind string) []string {
	var out []string
	ls := r.read()
	for _, l := range ls[min(mark, len(ls)):] {
		if f := strings.Fields(l); len(f) > 1 && f[1] == kind {
			out = append(out, l)
		}
	}
	return out
}

// wait waits for a trace line after mark that starts (after its time) with prefix.
func (r *run) wait(prefix string, d time.Duration, mark int) (string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	for {
		ls := r.read()
		for _, l := range ls[min(mark, len(ls)):] {
			if _, rest, ok := strings.Cut(l, " "); ok && (rest == prefix || strings.HasPrefix(rest, prefix+" ")) {
				return l, true
			}
		}
		select {
		case <-ctx.Done():
			return "", false
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// ms is a trace line's time stamp (0 for an empty line: a step that never came).
func (r *run) ms(line string) int64 {
	f := strings.Fields(line)
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseInt(f[0], 10, 64)
	return v
}

func (r *run) tail() string {
	ls := r.read()
	return strings.Join(ls[max(0, len(ls)-5):], " | ")
}

func span(line string) float64 {
	f := strings.Fields(line)
	if len(f) < 4 {
		return 0
	}
	a, _ := strconv.ParseFloat(f[2], 64)
	b, _ := strconv.ParseFloat(f[3], 64)
	return b - a
}

// after is a trace line's fields from the n-th on ("" for a short line).
func after(line string, n int) string {
	f := strings.Fields(line)
	if len(f) <= n {
		return ""
	}
	return strings.Join(f[n:], " ")
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}
