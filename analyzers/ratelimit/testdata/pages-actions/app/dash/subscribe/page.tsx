import { subscribe } from "@/lib/form-actions";

export default function Subscribe() {
  return (
    <form action={subscribe}>
      <input name="email" />
    </form>
  );
}
