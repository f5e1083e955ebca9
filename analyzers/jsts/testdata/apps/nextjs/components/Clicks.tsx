"use client";

// Secure variant: the browser calls the rate-limited route.
import { useState } from "react";

export function Clicks() {
  const [n, setN] = useState(0);
  async function click() {
    const res = await fetch("/api/counter", { method: "POST" });
    setN((await res.json()).clicks);
  }
  return <button onClick={click}>{n}</button>;
}
