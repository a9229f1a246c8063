package userdb

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests below run the test binary itself as a child process (the
// os/exec pattern): TestChildProcess does the child's work when
// USERDB_CHILD names a mode, and is a no-op otherwise.
const childEnv = "USERDB_CHILD"

func TestChildProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		return
	}
	if err := runChild(mode, os.Getenv("USERDB_PATH"), os.Getenv("USERDB_ARG")); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

func runChild(mode, path, arg string) error {
	opts := Options{NoAutoBackup: mode != "writer"}
	nb, err := Open(ctx, path, opts)
	if err != nil {
		return err
	}
	defer nb.Close()
	if nb.ReadOnly() || nb.Info().MovedAside != "" {
		return fmt.Errorf("opened %+v", nb.Info())
	}
	switch mode {
	case "writer": // arg: prefix; 300 notes, tags on one shared event, own events
		for i := 0; i < 300; i++ {
			id := arg + "-" + strconv.Itoa(i)
			if _, err := nb.SaveNote(ctx, EventTarget(id), "note "+id, Label{}); err != nil {
				return err
			}
			if _, err := nb.AddTag(ctx, "shared-event", id); err != nil {
				return err
			}
			if i%10 == 0 {
				if _, err := nb.AddOwnEvent(ctx, ownEvent(id)); err != nil {
					return err
				}
				if _, err := nb.Annotations(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	case "loop": // arg: prefix; saves notes until killed, acknowledging each
		fmt.Println("ready")
		for i := 0; ; i++ {
			id := arg + "-" + strconv.Itoa(i)
			if _, err := nb.SaveNote(ctx, EventTarget(id), strings.Repeat("text of "+id+" ", 20), Label{}); err != nil {
				return err
			}
			fmt.Println("ack", id)
		}
	case "import": // arg: a JSON export to import in one transaction
		f, err := os.Open(arg)
		if err != nil {
			return err
		}
		defer f.Close()
		importTxStarted = func() { fmt.Println("start") }
		rep, err := nb.ImportJSON(ctx, f, ImportOptions{})
		if err != nil {
			return err
		}
		fmt.Println("ack", rep.Added)
		return nil
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// child starts the test binary in a child mode; lines collects its stdout.
type child struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	mu     sync.Mutex
	lines  []string
	seen   chan string // every line, as it arrives
	done   chan struct{}
}

func startChild(t *testing.T, mode, path, arg string) *child {
	t.Helper()
	c := &child{seen: make(chan string, 100000), done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), childEnv+"="+mode, "USERDB_PATH="+path, "USERDB_ARG="+arg)
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.mu.Lock()
			c.lines = append(c.lines, sc.Text())
			c.mu.Unlock()
			c.seen <- sc.Text()
		}
		io.Copy(io.Discard, out)
	}()
	return c
}

// waitFor waits for a line starting with prefix (false if the child ended first).
func (c *child) waitFor(prefix string) bool {
	for {
		select {
		case l := <-c.seen:
			if strings.HasPrefix(l, prefix) {
				return true
			}
		case <-c.done:
			return false
		}
	}
}

// kill sends SIGKILL, reaps the child and returns every line it printed.
func (c *child) kill() []string {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
	c.cmd.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lines
}

func (c *child) wait(t *testing.T) {
	t.Helper()
	<-c.done
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, c.stderr.String())
	}
}

// integrity runs PRAGMA integrity_check with plain SQLite (which also
// recovers the WAL the killed child left) and returns the note targets.
func integrity(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=10000"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	var app int
	db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app)
	if app != applicationID {
		t.Fatalf("application_id %d after a crash", app)
	}
	out := map[string]string{}
	rows, err := db.QueryContext(ctx, "SELECT target, author FROM notes")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var target, author string
		rows.Scan(&target, &author)
		out[target] = author
	}
	// The full-text index agrees with the notes (a torn index would not).
	var fts, live int
	db.QueryRowContext(ctx, "SELECT count(*) FROM notes_fts").Scan(&fts)
	db.QueryRowContext(ctx, "SELECT count(*) FROM notes WHERE deleted IS NULL").Scan(&live)
	if fts != live {
		t.Fatalf("full-text index has %d rows for %d live notes", fts, live)
	}
	return out
}

func TestTwoProcessesWriteAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "notebook.db")
	openAt(t, path, Options{Author: "Ada", NoAutoBackup: true}).Close()
	a := startChild(t, "writer", path, "a")
	b := startChild(t, "writer", path, "b")
	a.wait(t)
	b.wait(t)
	notes := integrity(t, path)
	nb := openAt(t, path, Options{NoAutoBackup: true})
	for _, p := range []string{"a", "b"} {
		for i := 0; i < 300; i++ {
			if _, ok := notes[p+"-"+itoa(i)]; !ok {
				t.Fatalf("note %s-%d was lost", p, i)
			}
		}
	}
	if tags, _ := nb.Tags(ctx, "shared-event"); len(tags) != 600 {
		t.Errorf("%d tags on the shared event, want 600", len(tags))
	}
	if evs, _ := nb.OwnEvents(ctx); len(evs) != 60 {
		t.Errorf("%d own events, want 60", len(evs))
	}
	if bs, _ := nb.Backups(ctx); len(bs) != 1 || bs[0].Notes < 0 {
		t.Errorf("the two processes' daily backups: %+v", bs)
	}
}

// TestCrashSafety kills writing children with SIGKILL at random moments:
// note saves in a loop, and an import of 10,000 notes in one transaction.
// After every kill the file passes integrity_check, every acknowledged save
// is there, and the import is there completely or not at all. The two
// series run side by side (one per core). USERDB_CRASH_SCALE=5 runs five
// times as many kills, for a soak before a release.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 200 processes")
	}
	scale := 1
	if s, err := strconv.Atoi(os.Getenv("USERDB_CRASH_SCALE")); err == nil && s > 0 {
		scale = s
	}
	// 200 kills in all. Under the race detector an import's Go side is
	// several times slower, so fewer of the kills go to imports.
	saves, imports := 160, 40
	if raceBuild {
		saves, imports = 185, 15
	}
	t.Run("saves", func(t *testing.T) {
		t.Parallel()
		crashLoop(t, saves*scale)
	})
	t.Run("import", func(t *testing.T) {
		t.Parallel()
		crashImport(t, imports*scale)
	})
}

func crashLoop(t *testing.T, kills int) {
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	path := filepath.Join(t.TempDir(), "loop.db")
	openAt(t, path, Options{Author: "Ada", NoAutoBackup: true}).Close()
	acked := 0
	start := time.Now()
	for k := 0; k < kills; k++ {
		c := startChild(t, "loop", path, "k"+itoa(k))
		if !c.waitFor("ready") {
			t.Fatalf("child %d did not start: %s", k, c.stderr.String())
		}
		time.Sleep(time.Duration(rng.IntN(60000)) * time.Microsecond)
		lines := c.kill()
		notes := integrity(t, path)
		for _, l := range lines {
			if id, ok := strings.CutPrefix(l, "ack "); ok {
				acked++
				if _, there := notes[id]; !there {
					t.Fatalf("kill %d: acknowledged note %s is missing", k, id)
				}
			}
		}
	}
	t.Logf("%d kills during saves, %d acknowledged saves all present (%v)", kills, acked, time.Since(start).Round(time.Second))
	if acked < kills {
		t.Errorf("only %d saves acknowledged in %d runs: the kills did not hit writes", acked, kills)
	}
}

func crashImport(t *testing.T, kills int) {
	rng := rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))
	dir := t.TempDir()
	// A fresh copy of a small notebook for each import.
	base := filepath.Join(dir, "base.db")
	nb := openAt(t, base, Options{Author: "Ada", NoAutoBackup: true})
	for i := 0; i < 20; i++ {
		mustSave(t, nb, EventTarget("base-"+itoa(i)), "base")
	}
	nb.Close()
	baseBytes := readFile(t, base)
	file := filepath.Join(dir, "import.json")
	os.WriteFile(file, []byte(bulkExport(10000)), 0o600)

	// How long the transaction takes, to spread the kills over it.
	first := filepath.Join(dir, "first.db")
	os.WriteFile(first, baseBytes, 0o600)
	c := startChild(t, "import", first, file)
	c.waitFor("start")
	began := time.Now()
	if !c.waitFor("ack") {
		t.Fatalf("import child failed: %s", c.stderr.String())
	}
	took := time.Since(began)
	c.wait(t)
	if n := countAuthor(integrity(t, first), "Importer"); n != 10000 {
		t.Fatalf("a full import stored %d notes", n)
	}

	outcomes := map[string]int{}
	start := time.Now()
	for k := 0; k < kills; k++ {
		p := filepath.Join(dir, "imp-"+itoa(k)+".db")
		os.WriteFile(p, baseBytes, 0o600)
		c := startChild(t, "import", p, file)
		if !c.waitFor("start") {
			t.Fatalf("import child %d did not start: %s", k, c.stderr.String())
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 6 / 5)))
		lines := c.kill()
		notes := integrity(t, p)
		n := countAuthor(notes, "Importer")
		ackd := len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], "ack")
		switch {
		case n != 0 && n != 10000:
			t.Fatalf("kill %d: a torn import: %d of 10000 notes", k, n)
		case ackd && n != 10000:
			t.Fatalf("kill %d: an acknowledged import is missing", k)
		case countAuthor(notes, "Ada") != 20:
			t.Fatalf("kill %d: the notebook's own notes changed", k)
		}
		outcomes[map[bool]string{true: "all", false: "none"}[n == 10000]]++
		os.Remove(p)
		os.Remove(p + "-wal")
		os.Remove(p + "-shm")
	}
	t.Logf("%d kills during a 10,000-note import (its transaction takes %v): %v (%v)", kills,
		took.Round(time.Millisecond), outcomes, time.Since(start).Round(time.Second))
	if outcomes["none"] == 0 {
		t.Error("no kill landed before an import committed: the kills missed the transaction")
	}
}

func countAuthor(notes map[string]string, author string) int {
	n := 0
	for _, a := range notes {
		if a == author {
			n++
		}
	}
	return n
}

// bulkExport is a notebook export with n notes by "Importer".
func bulkExport(n int) string {
	var b strings.Builder
	b.WriteString(`{"format":"aitimeline-notebook","version":1,"author":"Importer","notes":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"target":"event","id":"imported-%d","author":"Importer","title":{"en":"Event %d","de":"Ereignis %d"},"date":"2020-01-02","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","body":"Imported note number %d about the Gründung and other things."}`, i, i, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}
