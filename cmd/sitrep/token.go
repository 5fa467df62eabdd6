package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"sitrep"
)

func runToken(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("token", "create NAME | list | revoke ID",
		"Manage API tokens. create prints a new token's secret once: only its SHA-256 hash is stored.\nThe name is who the audit trail says reviewed.")
	db := dbFlag(fs)
	verb, rest, err := parseVerb(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"create": 1, "list": 0, "revoke": 1}
	n, ok := want[verb]
	if !ok {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "token %q: want create, list or revoke", verb)
	}
	if len(rest) != n {
		fs.Usage()
		return sitrep.Errorf(sitrep.EINVALID, "token %s takes %d argument(s), got %d", verb, n, len(rest))
	}
	var name string
	if verb == "create" {
		// A bad name is refused before any database is opened or made.
		name = strings.TrimSpace(rest[0])
		if name == "" || len(name) > 100 {
			return sitrep.Errorf(sitrep.EINVALID, "token name %q: want 1 to 100 bytes", rest[0])
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "create":
		secret, tok, err := st.CreateToken(ctx, name, nil)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, secret)
		fmt.Fprintf(m.Stderr, "sitrep: token %s for %q created; the secret above is shown only once\n", tok.ID, tok.Name)
	case "list":
		toks, err := st.Tokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
		for _, t := range toks {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Created.Format(time.RFC3339), when(t.LastUsed), when(t.Revoked))
		}
		return tw.Flush()
	case "revoke":
		if err := st.RevokeToken(ctx, rest[0]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "sitrep: token %s revoked\n", rest[0])
	}
	return nil
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}
