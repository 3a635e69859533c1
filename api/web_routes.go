package api

import "github.com/gin-gonic/gin"

// registerWeb serves the web explorer (owned by the web work; this stub
// registers nothing yet).
func (s *Server) registerWeb(r *gin.Engine) {}
