export const db = { stats: async () => ({ users: 0 }) };
