import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";

export async function requireAdmin() {
  const session = await getServerSession();
  if (!session?.user || session.user.role !== "admin") {
    redirect("/login");
  }
  return session;
}

export function withTeam(handler: (req: Request, team: string) => Promise<Response>) {
  return async (req: Request) => {
    const session = await getServerSession();
    if (!session) {
      return new Response("unauthorized", { status: 401 });
    }
    return handler(req, session.user.team);
  };
}

export async function getCurrentUser() {
  const session = await getServerSession();
  return session;
}
