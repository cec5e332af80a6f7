package good

// a comment with CRLF
var s = `raw
string`

/* block
 */ comment
 */
func f() int {
	return 1 // x
}
