package rules

// Precision is how often a rule's findings are right on real code, in the
// words of SARIF's reportingDescriptor property "precision" (very-high,
// high, medium, low). It tells a reader how sure upscan is: a
// decode-validated token is certain, an endpoint without a recognised
// rate limit is an inference from the code upscan could follow.
type Precision string

// The precisions a rule can have.
const (
	PrecisionVeryHigh Precision = "very-high"
	PrecisionHigh     Precision = "high"
	PrecisionMedium   Precision = "medium"
)

// precisions is the one place that says how sure each rule's findings are,
// and why; Register attaches it, SARIF, docs/rules.md and `upscan explain`
// show it, and a test fails for a rule without one.
var precisions = map[ID]struct {
	P   Precision
	Why string
}{
	UnusedIgnore:       {PrecisionVeryHigh, "an ignore comment no finding matched"},
	RedisRESTToken:     {PrecisionVeryHigh, "the token's layout is decoded and checked, placeholders are excluded"},
	RedisReadOnlyToken: {PrecisionVeryHigh, "the token's layout is decoded and checked, placeholders are excluded"},
	RedisURLPassword:   {PrecisionVeryHigh, "an Upstash host with a password of the documented shape"},
	QStashToken:        {PrecisionVeryHigh, "the token's layout is decoded and checked, placeholders are excluded"},
	QStashSigningKey:   {PrecisionHigh, "the key's shape is checked; the public dev-server keys are excluded"},
	VectorSearchToken:  {PrecisionVeryHigh, "the token's layout is decoded and checked, placeholders are excluded"},
	DeveloperAPIKey:    {PrecisionHigh, "the key's shape is checked next to an Upstash account context"},
	KafkaCredential:    {PrecisionHigh, "the credential's shape is checked next to an Upstash Kafka context"},
	UnrecognisedToken:  {PrecisionMedium, "a token-like value under an Upstash name whose layout upscan does not know: a guess"},

	TokenInPublicEnvVar: {PrecisionHigh, "the variable's public prefix and its value or name are read from the file"},
	TokenInClientCode:   {PrecisionHigh, "client code is decided by directives, conventions and imports upscan follows"},
	TokenInBuildConfig:  {PrecisionHigh, "the build setting that inlines the variable is read from the config"},
	TokenInBuiltAssets:  {PrecisionHigh, "a decoded credential in output served to browsers"},

	PlaintextUpstashURL:     {PrecisionVeryHigh, "a resolved URL with a plaintext scheme to an Upstash host"},
	TLSVerificationDisabled: {PrecisionHigh, "the option is read where it is set; the host is Upstash's by a literal, an env name or a comment"},
	TCPClientWithoutTLS:     {PrecisionHigh, "the client's options are read; a spread or an unknown object leaves TLS unknown and is not reported"},

	EndpointWithoutRateLimit: {PrecisionMedium, "endpoints, limiters and caller checks are inferred from code upscan can follow; a limit in a gateway or in code it did not see is invisible"},
	RateLimitResultIgnored:   {PrecisionHigh, "the limit call and what its result flows into are read from the code"},
	RateLimitWeakIdentifier:  {PrecisionMedium, "the identifier's source is inferred from the code"},
	RateLimitOffRequestPath:  {PrecisionMedium, "the order of the limit and the Upstash work is inferred from the code"},

	ReadOnlyTokenSuffices:            {PrecisionMedium, "every command upscan sees is a read; code it did not see may write with the same client"},
	DatabaseSharedAcrossEnvironments: {PrecisionHigh, "the same database host in the env files of two environments"},
	QStashDevModeInProduction:        {PrecisionHigh, "the dev-server values in a production configuration"},
	QStashWebhookUnverified:          {PrecisionMedium, "a receiver is found from the deliveries that target it; verification in code upscan did not see is invisible"},
	QStashVerifyWithoutURL:           {PrecisionHigh, "the verify call's options are read where they are written; calls with options upscan cannot read are not reported"},

	DBTLSDisabled:              {PrecisionVeryHigh, dbConfig},
	DBProdPackDisabled:         {PrecisionVeryHigh, dbConfig},
	DBIPAllowlistEmpty:         {PrecisionVeryHigh, dbConfig},
	DBEncryptionAtRestDisabled: {PrecisionVeryHigh, dbConfig},
	DBPrivateNetworkAbsent:     {PrecisionVeryHigh, dbConfig},
	DBMutualTLSDisabled:        {PrecisionVeryHigh, dbConfig},
	DBDailyBackupDisabled:      {PrecisionVeryHigh, dbConfig},
	DBACLDisabled:              {PrecisionVeryHigh, dbConfig},
	DBACLDefaultUserEnabled:    {PrecisionVeryHigh, dbConfig},
	DBMonitoringDisabled:       {PrecisionHigh, dbConfig + "; alerts set up elsewhere are invisible"},
	DBBudgetUnset:              {PrecisionVeryHigh, dbConfig},
	DBEvictionEnabled:          {PrecisionVeryHigh, dbConfig},
	DBAutoUpgradeEnabled:       {PrecisionVeryHigh, dbConfig},
	DBCredentialProtection:     {PrecisionVeryHigh, dbConfig},
	DBSharedEnvironments:       {PrecisionHigh, "database names and tags that say which environment uses them"},
	TerraformOutputCredential:  {PrecisionVeryHigh, "a Terraform output that holds a credential attribute and is not marked sensitive"},
}

// dbConfig is why a posture finding is certain.
const dbConfig = "the database's own configuration (the Developer API or its Terraform resource)"
