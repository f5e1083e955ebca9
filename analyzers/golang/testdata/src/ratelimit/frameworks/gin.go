package frameworks

import "github.com/gin-gonic/gin"

func ginLimit(c *gin.Context) {
	if !limiter.Allow() {
		c.AbortWithStatus(429)
		return
	}
	c.Next()
}

func publishHandler(c *gin.Context) { publish() }

func ginRoutes() {
	g := gin.Default()
	g.GET("/vec", func(c *gin.Context) { search() }) // want `UPS401: gin endpoint "GET /vec" reaches Upstash Vector`
	api := g.Group("/api", ginLimit)
	api.GET("/vec", func(c *gin.Context) { search() })
	g.POST("/publish", ginLimit, publishHandler)
	g.POST("/publish2", publishHandler) // want `UPS401: gin endpoint "POST /publish2" reaches Upstash QStash`
	g.GET("/health", func(c *gin.Context) { c.JSON(200, "ok") })
}
