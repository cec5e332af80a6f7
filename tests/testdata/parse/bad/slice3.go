package p

var a = s[1::3]
var b = s[1:2:]
var c = s[::]
