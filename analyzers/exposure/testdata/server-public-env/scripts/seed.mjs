// A seeding script run by hand still reads the public name the app's env file sets.
const TOKEN = process.env.EXPO_PUBLIC_UPSTASH_REDIS_REST_TOKEN; // want "UPS202"
await fetch(`${process.env.EXPO_PUBLIC_UPSTASH_REDIS_REST_URL}/set/seeded/1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
