package server

import (
	"context"
	"net/http"
	"time"

	"sitrep/server/response"
)

// getHealthz answers 200 when the store answers, 503 when it does not.
func (s *Server) getHealthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	v, err := s.store.SchemaVersion(ctx)
	if err != nil {
		s.log.Warn("health check failed", "err", err)
		response.JSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "error": "store does not answer"})
		return
	}
	response.JSON(w, http.StatusOK, map[string]any{"status": "ok", "schema_version": v,
		"uptime_seconds": int(s.now().Sub(s.started).Seconds())})
}
