// Package app uses dep.
package app

import "example.com/dep"

// Handle records its input.
func Handle(s string) { dep.Record(s) }
