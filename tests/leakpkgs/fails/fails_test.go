package fails

import "testing"

func TestFails(t *testing.T) { t.Fatal("this test fails and leaks nothing") }
