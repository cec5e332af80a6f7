package global

import "testing"

func TestSubscribe(t *testing.T) { Subscribe("news") }

func TestOrphan(t *testing.T) { Orphan() }
