import { getServerSession } from "next-auth";
import { authOptions } from "./options";

type TeamHandler = (ctx: { req: Request; session: any; team: string }) => Promise<Response>;

// withTeam authenticates the caller, then runs the handler.
export const withTeam = (handler: TeamHandler) => {
  return async (req: Request, { params }: { params: { slug: string } }) => {
    const session = await getServerSession(authOptions);
    if (!session?.user) {
      return new Response("Unauthorized", { status: 401 });
    }
    return handler({ req, session, team: params.slug });
  };
};
