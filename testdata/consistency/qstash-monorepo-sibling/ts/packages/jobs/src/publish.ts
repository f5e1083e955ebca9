import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });

export async function enqueueJob(id: string) {
  await qstash.publishJSON({ url: `${process.env.WEB_URL}/api/jobs`, body: { id } });
}

// Both apps serve /api/sync: which one this reaches is not knowable.
export async function enqueueSync() {
  await qstash.publishJSON({ url: `${process.env.APP_URL}/api/sync`, body: {} });
}
