package p
var x = 1 `a
b`
