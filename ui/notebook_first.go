package ui

import (
	"context"
	"time"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/ui/timeline"
)

// NotebookPrefetch reads a notebook for the window's first load while the
// window is still being built. The shell starts it as soon as the notebook
// is open, beside the dataset's load and NewMain (which keep one core busy),
// and NewMain takes what it read: with 10,000 own events the read and the
// new numbering cost about 150 ms of CPU, which otherwise came after NewMain,
// on the same two cores as the window's first frames, and the own events
// showed in a later frame (BENCHMARKS.md, "Notebook").
type NotebookPrefetch struct {
	nb    *userdb.Notebook
	store chan *data.Store
	done  chan struct{}
	// Set before done is closed.
	r  notebookRead
	st *data.Store // the dataset r.ov numbers the events of
}

// PrefetchNotebook starts reading nb. Give it the dataset with SetStore
// (once, also nil) so that it can number the own events among the
// dataset's; ctx ends the work.
func PrefetchNotebook(ctx context.Context, nb *userdb.Notebook) *NotebookPrefetch {
	f := &NotebookPrefetch{nb: nb, store: make(chan *data.Store, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		f.r = readNotebook(ctx, nb)
		if f.r.err != nil || len(f.r.own) == 0 {
			return // nothing to number (as Load: no own events keep the dataset's numbering)
		}
		select {
		case st := <-f.store:
			if st != nil {
				f.st = st
				f.r.ov = prepareOwn(st, ownData(f.r.own))
			}
		case <-ctx.Done():
		}
	}()
	return f
}

// SetStore gives the dataset the window is built on (nil: none). Only the
// first call counts.
func (f *NotebookPrefetch) SetStore(st *data.Store) {
	select {
	case f.store <- st:
	default:
	}
}

// wait waits up to d for the read to end and reports whether it has.
func (f *NotebookPrefetch) wait(d time.Duration) bool {
	select {
	case <-f.done:
		return true
	default:
	}
	if d <= 0 {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-f.done:
		return true
	case <-t.C:
		return false
	}
}

// result is what was read, numbered on s's dataset (ok false: the numbering
// is still to be made, off the UI goroutine). Call after done.
func (f *NotebookPrefetch) result(s *Session) (r notebookRead, ok bool) {
	r = f.r
	if r.err != nil || len(r.own) == 0 {
		return r, true
	}
	if r.ov == nil || f.st != s.Store {
		r.ov = nil
		return r, false
	}
	return r, true
}

// prepareOwn makes the numbering of st's events with evs among them.
func prepareOwn(st *data.Store, evs []data.Event) *OwnView {
	v := newEventView(st, st.Index(), evs)
	return &OwnView{view: v, td: timeline.NewData(v.Idx, st.Context())}
}

// loadFirst is the first Load, from what f read. When f is done within
// wait (NewMain runs before the window shows), the notebook is applied at
// once and the first frame shows it; else it applies through the save
// queue when f is done, as Load does.
func (p *NotebookPane) loadFirst(f *NotebookPrefetch, wait time.Duration) {
	s := p.s
	p.firstDue = true
	p.loadGen++
	gen, marksGen := p.loadGen, p.marksGen
	if f.wait(wait) {
		if r, ok := f.result(s); ok {
			p.apply(r, gen, marksGen, true)
			return
		}
	}
	s.Q.Save(func(ctx context.Context) func() {
		f.SetStore(s.Store) // if the shell never did, the read must not wait for it (nor the saves after it)
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil
		}
		r, ok := f.result(s)
		if !ok {
			r.ov = s.PrepareOwnEvents(ownData(r.own))
		}
		return func() { p.apply(r, gen, marksGen, true) }
	})
}
