package parclean

import (
	"context"
	"testing"
	"time"
)

func TestPar00(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar01(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar02(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar03(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar04(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar05(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar06(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar07(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar08(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar09(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar10(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar11(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar12(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar13(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar14(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar15(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar16(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar17(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar18(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar19(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar20(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar21(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar22(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar23(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar24(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar25(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar26(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar27(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar28(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar29(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar30(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar31(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar32(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar33(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar34(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar35(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar36(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar37(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 7*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar38(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}

func TestPar39(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Millisecond)
	defer cancel()
	Pool(ctx, 8)
	Later(20*time.Millisecond, func() {})
}
