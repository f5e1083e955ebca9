import { Receiver } from "@upstash/qstash";

export const receiver = new Receiver({ currentSigningKey: "sig_3xAmPLe4FakeKeyNotReaLpQrSt7", nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY! }); // want "UPS105"
