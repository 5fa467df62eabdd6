package main

import (
	"context"

	"sitrep"
	"sitrep/input"
)

type benchQueueConfig struct {
	files           []string
	opt             input.Options
	df              docFlags
	queueURL, dbURL string
	workers         int
	json            bool
}

func runBenchQueue(ctx context.Context, m *Main, c benchQueueConfig) error {
	return sitrep.Errorf(sitrep.EINVALID, "bench --queue: not built yet")
}
