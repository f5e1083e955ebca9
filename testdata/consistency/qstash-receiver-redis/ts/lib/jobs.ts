import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });

export async function enqueueReport(id: string) {
  await qstash.publishJSON({ url: `${process.env.APP_URL}/api/process`, body: { id } });
}
