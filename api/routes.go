package api

import "github.com/gin-gonic/gin"

// registerV1 adds the researchers' API under /api/v1 (owned by the API
// work; this stub registers nothing yet).
func (s *Server) registerV1(v1 *gin.RouterGroup) {}
