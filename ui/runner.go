package ui

import (
	"context"
	"sync"

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

	mu    sync.Mutex
	jobs  map[string]*job // the current job of each kind
	count sync.WaitGroup  // jobs whose work has not finished (for tests)
}

type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// NewRunner returns a runner that applies results with post (fyne.Do in the
// app; see NewTestRunner for tests).
func NewRunner(post func(func())) *Runner {
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{ctx: ctx, cancel: cancel, post: post, jobs: map[string]*job{}}
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

// Cancel cancels the running job of this kind, if any.
func (r *Runner) Cancel(kind string) {
	r.mu.Lock()
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

// Shutdown cancels every job and returns at once; later Runs start
// cancelled and never apply.
func (r *Runner) Shutdown() { r.cancel() }

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
