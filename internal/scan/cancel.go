package scan

import "context"

// untilDone runs fn and waits until it returns or ctx is done, whichever
// comes first, and reports whether fn returned. Analyses stop at their
// parse once ctx is done but not inside every pass after it; a scan that is
// interrupted (Ctrl-C) must still end at once, so fn then goes on alone on
// its goroutine to its own end, bounded by the file's budget, and the
// caller drops whatever it would have produced (it must not read what fn
// writes when untilDone returns false).
func untilDone(ctx context.Context, fn func()) bool {
	if ctx.Done() == nil {
		fn()
		return true
	}
	if ctx.Err() != nil {
		return false
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}
