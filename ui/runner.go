package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Runner runs the window's queries off the UI goroutine: at most one per
// kind at a time (a new detail read cancels the one before), each with a
// context that is cancelled when it goes stale or the window closes. Results
// are applied on the UI goroutine with the non-blocking fyne.Do, and only if
// the query is still current then. Nothing ever waits for a query: shutdown
// cancels them and returns at once, so a query in flight can never hold up
// the window's closing (the UI goroutine is what the query's result waits for).
type Runner struct {
	ctx    context.Context
	cancel context.CancelFunc
	post   func(func())

	mu     sync.Mutex
	jobs   map[string]*job        // the current job of each kind
	timers map[string]*time.Timer // pending Later calls by kind
	last   chan struct{}          // closed when the last queued Save is done
	count  sync.WaitGroup         // jobs whose work has not finished (for tests)
	saves  sync.WaitGroup         // Saves not yet done
}

type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// NewRunner returns a runner that applies results with post (fyne.Do in the
// app; see NewTestRunner for tests).
func NewRunner(post func(func())) *Runner {
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{ctx: ctx, cancel: cancel, post: post, jobs: map[string]*job{}, timers: map[string]*time.Timer{}}
}

// NewAppRunner returns the app's runner: results are applied with fyne.Do.
func NewAppRunner() *Runner { return NewRunner(fyne.Do) }

// Run cancels the running job of this kind, if any, and starts work on a new
// goroutine. work returns the function that applies its result; it runs on
// the UI goroutine unless the job was cancelled or superseded by then. Call
// Run on the UI goroutine.
func (r *Runner) Run(kind string, work func(ctx context.Context) (apply func())) {
	ctx, cancel := context.WithCancel(r.ctx)
	j := &job{ctx: ctx, cancel: cancel}
	r.mu.Lock()
	if old := r.jobs[kind]; old != nil {
		old.cancel()
	}
	r.jobs[kind] = j
	r.mu.Unlock()
	r.count.Add(1)
	go func() {
		defer r.count.Done()
		apply := work(ctx)
		if apply == nil || ctx.Err() != nil {
			r.finish(kind, j)
			return
		}
		r.post(func() {
			// On the UI goroutine: a newer job of the kind or shutdown
			// cancels this one before its result lands.
			if ctx.Err() == nil {
				apply()
			}
			r.finish(kind, j)
		})
	}()
}

func (r *Runner) finish(kind string, j *job) {
	r.mu.Lock()
	if r.jobs[kind] == j {
		delete(r.jobs, kind)
	}
	r.mu.Unlock()
	j.cancel()
}

// Cancel cancels the running job of this kind, if any, and a pending Later
// call of the kind.
func (r *Runner) Cancel(kind string) {
	r.mu.Lock()
	if t := r.timers[kind]; t != nil {
		if t.Stop() {
			r.count.Done()
		}
		delete(r.timers, kind)
	}
	if j := r.jobs[kind]; j != nil {
		j.cancel()
		delete(r.jobs, kind)
	}
	r.mu.Unlock()
}

// Busy reports whether a job of this kind is running.
func (r *Runner) Busy(kind string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.jobs[kind] != nil
}

// Shutdown cancels every job and pending Later call and returns at once;
// later Runs start cancelled and never apply. Saves go on (see Save).
func (r *Runner) Shutdown() {
	r.cancel()
	r.mu.Lock()
	for k, t := range r.timers {
		if t.Stop() {
			r.count.Done()
		}
		delete(r.timers, k)
	}
	r.mu.Unlock()
}

// Save queues a write of the user's work (a note, a tag). Saves run one
// after another in the order queued, off the UI goroutine, and unlike Run
// they are never cancelled: a note being saved as the window closes is
// still saved (each has a generous timeout of its own). apply, when work
// returns one, runs on the UI goroutine unless the window has closed by
// then. Call Save on the UI goroutine; the shell calls WaitSaves after the
// window has closed, before it closes the notebook.
func (r *Runner) Save(work func(ctx context.Context) (apply func())) {
	done := make(chan struct{})
	r.mu.Lock()
	prev := r.last
	r.last = done
	r.mu.Unlock()
	r.count.Add(1)
	r.saves.Add(1)
	go func() {
		defer r.count.Done()
		defer r.saves.Done()
		defer close(done)
		if prev != nil {
			<-prev
		}
		ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
		apply := work(ctx)
		cancel()
		if apply != nil && r.ctx.Err() == nil {
			r.post(func() {
				if r.ctx.Err() == nil {
					apply()
				}
			})
		}
	}()
}

// saveTimeout bounds one write (SQLite waits up to ten seconds for another
// process's write lock).
const saveTimeout = 30 * time.Second

// WaitSaves waits until every queued Save is done, or d has passed; it
// reports whether they are done. Never call it on the UI goroutine while
// the window is open.
func (r *Runner) WaitSaves(d time.Duration) bool {
	done := make(chan struct{})
	go func() { r.saves.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// Later runs apply on the UI goroutine after d, unless Later is called
// again for the same kind before (then only the newest runs, d after it:
// a debounce), Cancel(kind) or Shutdown. Call it on the UI goroutine.
func (r *Runner) Later(kind string, d time.Duration, apply func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx.Err() != nil {
		return
	}
	if t := r.timers[kind]; t != nil && t.Stop() {
		r.count.Done()
	}
	r.count.Add(1)
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		r.mu.Lock()
		current := r.timers[kind] == t
		if current {
			delete(r.timers, kind)
		}
		r.mu.Unlock()
		if current && r.ctx.Err() == nil {
			r.post(func() {
				if r.ctx.Err() == nil {
					apply()
				}
			})
		}
		r.count.Done()
	})
	r.timers[kind] = t
}

// TestRunner is a Runner for tests that behaves like the real driver: work
// runs on goroutines, results queue for "the UI goroutine", which is the
// test's goroutine calling Flush. (Fyne's test driver would run fyne.Do
// inline on the worker goroutine instead, which the real app never does.)
type TestRunner struct {
	*Runner
	queue chan func()
}

// NewTestRunner returns a runner whose results wait for Flush.
func NewTestRunner() *TestRunner {
	q := make(chan func(), 1024)
	return &TestRunner{Runner: NewRunner(func(f func()) { q <- f }), queue: q}
}

// Flush waits for all running work and applies the queued results on the
// calling goroutine, until no work is left (results may start new work).
func (t *TestRunner) Flush() {
	for {
		t.count.Wait()
		select {
		case f := <-t.queue:
			f()
		default:
			return
		}
	}
}
