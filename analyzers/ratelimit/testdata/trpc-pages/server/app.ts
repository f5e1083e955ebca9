import { mergeRouters } from "./trpc";
import { counterRouter } from "./routers/counter";
import { miscRouter } from "./routers/misc";

export const appRouter = mergeRouters(counterRouter, miscRouter);
