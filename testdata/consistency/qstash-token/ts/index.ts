import { Client } from "@upstash/qstash";

export const qstash = new Client({ token: "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=" }); // want "UPS104"
