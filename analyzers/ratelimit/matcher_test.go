package ratelimit

import "testing"

// TestMatcher checks Next.js matcher semantics on the forms its docs use.
func TestMatcher(t *testing.T) {
	neg := "/((?!api|_next/static|_next/image|favicon.ico).*)"
	for _, c := range []struct {
		pattern, path string
		covers, known bool
	}{
		{"/api", "/api", true, true},
		{"/api", "/api/", true, true},
		{"/api", "/api/blocked", false, true},
		{"/api/:path*", "/api", true, true},
		{"/api/:path*", "/api/a/b", true, true},
		{"/api/:path*", "/apis", false, true},
		{"/api/:path+", "/api", false, true},
		{"/api/:path+", "/api/x", true, true},
		{"/users/:id", "/users/x", true, true},
		{"/users/:id", "/users/x/y", false, true},
		{"/users/:id?", "/users", true, true},
		{"/(api|trpc)(.*)", "/trpc/x", true, true},
		{"/(api|trpc)(.*)", "/dashboard", false, true},
		{neg, "/dashboard", true, true},
		{neg, "/", true, true},
		{neg, "/api/users", false, true},
		{neg, "/_next/static/x.js", false, true},
		{"/(?!api).*", "/api/x", false, true},
		{"/(?!api).*", "/home", true, true},
		{"/about/:slug(\\d+)", "/about/12", true, true},
		{"", "/anything", true, false},
		{"/{x}", "/anything", true, false},
	} {
		covers, known := compileMatcher(c.pattern).matches(c.path)
		if covers != c.covers || known != c.known {
			t.Errorf("matcher %q on %q = %v (known %v), want %v (known %v)", c.pattern, c.path, covers, known, c.covers, c.known)
		}
	}
}

// TestSamplePath checks the concrete paths tried against matchers.
func TestSamplePath(t *testing.T) {
	for in, want := range map[string]string{
		"/api/users/:id": "/api/users/x", "/api/:slug*": "/api/x", "/": "/", "/contact?/subscribe": "/contact",
		"/posts/{id}": "/posts/x",
	} {
		if got := samplePath(in); got != want {
			t.Errorf("samplePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEndpointPaths checks the file-to-path conventions per framework.
func TestEndpointPaths(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{nextPath([]string{"app", "(shop)", "api", "[id]", "@modal"}), "/api/:id"},
		{nextPath([]string{"src", "app", "api", "[...slug]"}), "/api/:slug*"},
		{nextPath([]string{"app"}), "/"},
		{pagesPath("pages/api/users/[id].ts"), "/api/users/:id"},
		{pagesPath("src/pages/api/index.ts"), "/api"},
		{sveltePath("src/routes/(app)/blog/[slug]/+server.ts"), "/blog/:slug"},
		{sveltePath("src/routes/+server.ts"), "/"},
		{remixPath("_index.tsx"), "/"},
		{remixPath("posts.$postId.tsx"), "/posts/:postId"},
		{remixPath("_auth.login.tsx"), "/login"},
		{remixPath("($lang).about.tsx"), "/:lang?/about"},
		{remixPath("files.$.tsx"), "/files/*"},
		{remixPath("sitemap[.]xml.tsx"), "/sitemap.xml"},
		{remixPath("posts/$id/route.tsx"), "/posts/:id"},
		{solidPath("src/routes/api/users/[id].ts"), "/api/users/:id"},
		{joinRoute("/api", "/items", false), "/api/items"},
		{joinRoute("", "polls/", true), "/polls/"},
		{joinRoute("/polls/", "<int:id>/vote/", true), "/polls/<int:id>/vote/"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	p, m := nuxtPath("server/api/users/[id].get.ts")
	if p != "/api/users/:id" || m != "GET" {
		t.Errorf("nuxtPath = %q %q", p, m)
	}
}

// TestIsEndpointPath checks which paths the scan must parse whatever their content.
func TestIsEndpointPath(t *testing.T) {
	yes := []string{"app/api/posts/route.ts", "src/app/dashboard/page.tsx", "middleware.ts", "pages/api/x.js",
		"src/routes/api/+server.ts", "src/routes/contact/+page.server.ts", "app/routes/_index.tsx", "api/hello.ts",
		"server/api/users.get.ts", "functions/api/[id].ts", "polls/urls.py", "polls/views.py"}
	no := []string{"lib/redis.ts", "components/Button.tsx", "app/api/route.d.ts", "app/api/posts/route.test.ts",
		"node_modules/x/api/index.js", "app/styles.css", "main.py", "../outside/route.ts"}
	for _, p := range yes {
		if !IsEndpointPath(p) {
			t.Errorf("IsEndpointPath(%q) = false", p)
		}
	}
	for _, p := range no {
		if IsEndpointPath(p) {
			t.Errorf("IsEndpointPath(%q) = true", p)
		}
	}
}
