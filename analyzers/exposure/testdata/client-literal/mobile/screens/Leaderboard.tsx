import { useEffect, useState } from "react";
import { Text } from "react-native";

// A React Native screen: the whole app bundle is on the user's device.
const READ_TOKEN = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"; // want "UPS102" "UPS202"

export function Leaderboard() {
  const [top, setTop] = useState("");
  useEffect(() => {
    fetch("https://fake-otter-12345.upstash.io/zrange/scores/0/9", { headers: { Authorization: "Bearer " + READ_TOKEN } })
      .then((r) => r.json())
      .then((j) => setTop(String(j.result)));
  }, []);
  return <Text>{top}</Text>;
}
