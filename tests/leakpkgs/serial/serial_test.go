package serial

import "testing"

func TestClean(t *testing.T) {
	jobs, done := make(chan int), make(chan struct{})
	StartWorker(jobs, done)
	jobs <- 1
	close(jobs)
	<-done
}

func TestLeak(t *testing.T) {
	jobs := make(chan int)
	StartWorker(jobs, make(chan struct{}))
	jobs <- 1 // the worker is never told to stop
}

// TestStraggler's worker ends shortly after the test returns: the wait
// after the tests lets it finish, so it is no leak.
func TestStraggler(t *testing.T) {
	jobs, done := make(chan int), make(chan struct{})
	StartWorker(jobs, done)
	go func() { jobs <- 1; close(jobs) }()
}
