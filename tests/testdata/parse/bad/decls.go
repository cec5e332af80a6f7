package p

var y

var z [N
