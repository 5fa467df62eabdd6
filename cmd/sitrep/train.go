package main

import "context"

// trainings lists the subcommands of "sitrep train", one per trainable
// model; each lives in a file train_NAME.go.
func trainings() []command {
	return []command{
		{"ner", "train the named-entity tagger on CoNLL-2003", runTrainNER},
		{"pos", "train the part-of-speech and chunk tagger on CoNLL-2003", runTrainPOS},
		{"attribution", "the cue lexicon of the attrib stage from PolNeAR-style brat (train/)", runTrainAttribution},
	}
}

func runTrain(ctx context.Context, m *Main, args []string) error {
	return m.dispatch(ctx, "train", "train a model from a public corpus and write it where the binary embeds it", trainings(), args)
}
