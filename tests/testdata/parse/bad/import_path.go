package p

import 42
import fmt
import (
	"os"
	x 'c'
)

var _ = 1

import "late"
