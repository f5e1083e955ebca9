import React from "react";
import ReactDOM from "react-dom/client";
import { redis } from "./lib/redis";

function App() {
  const [views, setViews] = React.useState<number | null>(null);
  React.useEffect(() => {
    redis.incr("views").then(setViews);
  }, []);
  return <p>{views ?? "…"} views</p>;
}

ReactDOM.createRoot(document.getElementById("root")!).render(<App />);
