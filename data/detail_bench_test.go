package data_test

import (
	"context"
	"testing"
)

func BenchmarkEventAt(b *testing.B) {
	st := synthStore(b, 100000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.EventAt(ctx, (i*7919)%100000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRelated(b *testing.B) {
	st := synthStore(b, 100000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Related(ctx, (i*7919)%100000, 6); err != nil {
			b.Fatal(err)
		}
	}
}
