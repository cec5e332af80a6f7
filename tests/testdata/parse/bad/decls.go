package p

import "a b"
import ""

var x = [...]int
var y
const z int
