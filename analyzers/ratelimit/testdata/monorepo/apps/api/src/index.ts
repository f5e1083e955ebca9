import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { publicRoutes } from "./routes/public";
import { adminRoutes } from "./routes/admin";

const app = new Hono();

app.route("/public", publicRoutes);
app.use("/admin/*", bearerAuth({ token: process.env.ADMIN_TOKEN! }));
app.route("/admin", adminRoutes);

export default app;
