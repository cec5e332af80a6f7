package p

var x = 1 @ 2
var y = "ÿ"
var z = 0x1.0
