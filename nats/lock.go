package nats

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Lock takes the cluster-wide lock named name, waiting while another
// worker holds it, and returns the function that releases it. The holder
// refreshes the lock while it lives; a holder that dies loses it after
// q.LockTTL. Workers use it so that only one of them at a time changes the
// stories, which two at once could each start for the same event.
func (q *Queue) Lock(ctx context.Context, name string) (release func(), err error) {
	kv, err := q.locks(ctx)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	owner := []byte(fmt.Sprintf("%s/%d", host, os.Getpid()))
	for wait := 1; ; wait++ {
		rev, err := kv.Create(ctx, name, owner)
		if err == nil {
			return q.holdLock(kv, name, rev, q.LockTTL), nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, unavailable("nats: lock "+name, err)
		}
		// Poll briefly: a holder keeps the lock for milliseconds, and a
		// long sleep here would leave it idle.
		if !sleep(ctx, time.Millisecond+rand.N(min(time.Duration(wait), 10)*time.Millisecond)) {
			return nil, ctx.Err()
		}
	}
}

func (q *Queue) locks(ctx context.Context) (jetstream.KeyValue, error) {
	kv, err := q.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      q.Name + "_LOCKS",
		Description: "sitrep worker locks",
		TTL:         q.LockTTL,
		Storage:     jetstream.MemoryStorage,
		Replicas:    max(q.Replicas, 1),
	})
	if err != nil {
		return nil, unavailable("nats: lock bucket", err)
	}
	return kv, nil
}

// holdLock refreshes the lock until released.
func (q *Queue) holdLock(kv jetstream.KeyValue, name string, rev uint64, ttl time.Duration) func() {
	stop := make(chan struct{})
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				ctx, cancel := context.WithTimeout(context.Background(), ttl/3)
				mu.Lock()
				r, err := kv.Update(ctx, name, []byte("held"), rev)
				if err == nil {
					rev = r
				} else {
					q.Logger.Warn("nats: cannot refresh lock", "lock", name, "err", err)
				}
				mu.Unlock()
				cancel()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(stop)
			<-done
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			mu.Lock()
			defer mu.Unlock()
			if err := kv.Delete(ctx, name, jetstream.LastRevision(rev)); err != nil {
				// It expires by itself after ttl.
				q.Logger.Warn("nats: cannot release lock", "lock", name, "err", err)
			}
		})
	}
}
