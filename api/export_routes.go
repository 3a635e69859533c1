package api

import "github.com/gin-gonic/gin"

// registerExport adds the graph export endpoints under /api/v1 (owned by
// the export work; this stub registers nothing yet).
func (s *Server) registerExport(v1 *gin.RouterGroup) {}
