import { Hono } from "hono";
import { feed } from "./routes/public/feed";

const app = new Hono();
app.route("/public", feed);

export default app;
