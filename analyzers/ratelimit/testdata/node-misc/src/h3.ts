import { createApp, createRouter, defineEventHandler } from "h3";
import { redis } from "./redis";

export const app = createApp();
const router = createRouter();
router.get("/h", defineEventHandler(async () => await redis.get("h")));
router.get("/plain", defineEventHandler(() => "ok"));
app.use(router);
