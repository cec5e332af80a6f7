package testmain2_test

import (
	"fmt"
	"os"
	"testing"

	"example.com/testmain2"
)

func TestMain(m *testing.M) {
	server := make(chan int)
	testmain2.Serve(server) // started before the tests: package background
	code := m.Run()
	fmt.Fprintln(os.Stderr, "teardown")
	os.Exit(code)
}
