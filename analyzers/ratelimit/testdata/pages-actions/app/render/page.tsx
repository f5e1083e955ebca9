import Stats from "@/lib/stats";

export default function Render() {
  return <Stats />;
}
