package release

// Which of the files below is built depends on the release tags: those
// of the toolchain (Go 1.27 unless --go says otherwise), and --tags.
func work(ch chan int) { ch <- 1 }
