import { procedure, router } from "../trpc";

export const miscRouter = router({
  version: procedure.query(() => "1.0.0"),
});
