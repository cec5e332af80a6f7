package deferinloop

import (
	"os"
	"path/filepath"
	"testing"
)

// In a test the loop runs over the test's own files (medium confidence,
// not shown by default).
func TestFiles(t *testing.T) {
	names, _ := filepath.Glob("testdata/*")
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
	}
}
