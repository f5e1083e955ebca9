"use client";
import { vote } from "@/app/actions";

export function VoteButton({ id }: { id: string }) {
  return <button onClick={() => vote(id)}>vote</button>;
}
