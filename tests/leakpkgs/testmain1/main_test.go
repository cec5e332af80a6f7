package testmain1

import (
	"os"
	"testing"
)

var server = make(chan int)

func TestMain(m *testing.M) {
	Serve(server) // started before the tests: package background
	os.Exit(m.Run())
}
