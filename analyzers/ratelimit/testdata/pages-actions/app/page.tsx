// Renders a client component that references a server action: rendering
// the page runs none of the action, so the page is not an endpoint.
import { VoteButton } from "@/components/VoteButton";

export default function Page() {
  return <VoteButton id="a" />;
}
