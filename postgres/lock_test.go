package postgres_test

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/postgres"
)

func TestLock(t *testing.T) {
	a := mustOpen(t, 0)
	// A second handle on the same schema is another process as far as the
	// server is concerned: its own connections, its own sessions.
	b, err := postgres.OpenSchema(context.Background(), dsn(), a.Schema, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()

	var inside, overlaps, rounds atomic.Int32
	var wg sync.WaitGroup
	for _, db := range []*postgres.DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				release, err := db.Lock(ctx, "stories")
				if err != nil {
					t.Error(err)
					return
				}
				if inside.Add(1) > 1 {
					overlaps.Add(1)
				}
				time.Sleep(time.Millisecond)
				inside.Add(-1)
				rounds.Add(1)
				release()
				release() // twice is harmless
			}
		}()
	}
	wg.Wait()
	if overlaps.Load() > 0 || rounds.Load() != 40 {
		t.Errorf("%d rounds, lock held by two at once %d times", rounds.Load(), overlaps.Load())
	}

	// Locks of other names, and of the same name in another schema, are
	// other locks.
	release, err := a.Lock(ctx, "store")
	if err != nil {
		t.Fatal(err)
	}
	other := mustOpen(t, 0)
	for _, l := range []struct {
		db   *postgres.DB
		name string
	}{{b, "stories"}, {other, "store"}} {
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		rel, err := l.db.Lock(tctx, l.name)
		cancel()
		if err != nil {
			t.Fatalf("%s in %s: %v", l.name, l.db.Schema, err)
		}
		rel()
	}

	// A waiter gives up with its context, and the holder still holds.
	tctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = b.Lock(tctx, "store")
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting on a held lock past the deadline: %v, want the context's error", err)
	}

	// A holder whose process goes away loses the lock at once: no TTL.
	release()
	c, err := postgres.OpenSchema(ctx, dsn(), a.Schema, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Lock(ctx, "store"); err != nil {
		t.Fatal(err)
	}
	// Never released: the session ends as a killed process's would.
	h := fnv.New64a()
	h.Write([]byte(a.Schema + "\x00store"))
	key := int64(h.Sum64())
	var killed int
	err = a.SQL.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND objsubid = 1
		AND ((classid::bigint << 32) | objid::bigint) = $1`, key).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("ending the holder's session: %d ended, %v", killed, err)
	}
	defer c.Close()
	tctx, cancel = context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	rel, err := b.Lock(tctx, "store")
	if err != nil {
		t.Fatalf("the lock of a closed session was not freed: %v", err)
	}
	rel()
}
