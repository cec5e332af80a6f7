package p

var r = 'ab'
var q = "\q"
var u = "\ud800"
