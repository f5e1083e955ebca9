import { Counter } from "../components/Counter";

// Renders a client component only: no Upstash work on the server.
export default function Page() {
  return (
    <main>
      <Counter />
    </main>
  );
}
