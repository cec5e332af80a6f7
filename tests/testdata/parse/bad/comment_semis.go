package p

// A ';' that a newline after a comment inserts is at that newline (or at
// the first newline inside a block comment) since Go 1.22, no longer at
// the comment; errors about it say so.

var v = f(x // comment
)
var w = []int{1 /* one
*/}

func f() {
	if x // comment
	{
	}
	if y /* one
	two */ {
	}
}
