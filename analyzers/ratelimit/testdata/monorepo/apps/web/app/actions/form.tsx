"use client";

import { sendFeedback, vote } from "./feedback";

export function FeedbackForm() {
  return (
    <form action={sendFeedback}>
      <textarea name="text" />
      <button onClick={() => vote("a")}>+1</button>
    </form>
  );
}
