package a

//drip:ignore nil-channel the caller never gets here
func A() {
	var ch chan int
	<-ch
	<-ch
}

// B does things.
//drip:ignore nil-channel on purpose
func B() {
	var ch chan int
	<-ch
}

//drip:ignore nil-channel reason
// C does things.
func C() {
	var ch chan int
	<-ch
}

func D() {
	var ch chan int
	<-ch
}

//drip:ignore lock-order other rule
func E() {
	var ch chan int
	<-ch
}
