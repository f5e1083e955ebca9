export default { kit: { experimental: { remoteFunctions: true } } };
