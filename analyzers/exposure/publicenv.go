package exposure

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// publicEnvVars reports UPS201 for the env variables of an env file or a
// CI/deploy config whose public prefix (NEXT_PUBLIC_, VITE_, …) makes the
// build inline them into browser code and that hold a credential: decoded
// from the value, carried by a reference to a variable named for one
// (${KV_REST_API_TOKEN}), or named for one themselves while set from a
// reference (NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=${{ secrets.REDIS }}).
// The public QStash dev-server values are not secrets.
func publicEnvVars(f *facts.File) []rules.Finding {
	var out []rules.Finding
	for i := range f.EnvVars {
		v := &f.EnvVars[i]
		prefix := upstash.PublicPrefixOf(v.Name)
		if prefix == "" {
			continue
		}
		add := func(c upstash.Credential, secret rules.Redacted, msg, content string) {
			fd := finding(f, rulePublicEnv, publicSeverity(c), v.Pos, v.End, msg+publicAdvice(c))
			fd.Secret = secret
			fd.SetKey(content)
			out = append(out, fd)
		}
		inlined := prefix + " prefix makes the build inline it into browser code"
		if c := v.Credential; v.Kind != "" {
			if !c.Dev {
				via := ""
				if v.Via != "" {
					via = " (through ${" + v.Via + "})"
				}
				add(c, v.Secret, v.Name+" holds a "+c.Label+via+" and its "+inlined, "")
			}
			continue
		}
		// A reference: ${UPSTASH_REDIS_REST_TOKEN}, ${{ secrets.QSTASH_TOKEN }}.
		found := false
		for _, ref := range v.Refs {
			if c, ok := upstash.EnvCredential(ref); ok {
				add(c, rules.Redacted{}, v.Name+" is set from "+ref+", by its name a "+c.Label+", and its "+inlined, v.Name+"="+ref)
				found = true
				break
			}
		}
		// A reference to something else (${{ secrets.REDIS }}) under a
		// public name that itself says token.
		if !found && len(v.Refs) > 0 {
			if c, ok := upstash.EnvCredential(v.Name[len(prefix):]); ok {
				add(c, rules.Redacted{}, v.Name+" is set from "+v.Refs[0]+" and by its name holds a "+c.Label+"; its "+inlined, v.Name+"="+v.Refs[0])
			}
		}
	}
	return out
}

// publicSeverity follows the token (issue 6): a full token exposed is
// critical; a read-only Redis or index token low (Upstash says it may be
// exposed); a read-only QStash token medium (it still reads messages).
func publicSeverity(c upstash.Credential) rules.Severity {
	switch {
	case c.ReadOnly && strings.HasPrefix(c.Kind, "qstash"):
		return rules.Medium
	case c.ReadOnly:
		return rules.Low
	}
	return rules.Critical
}

// publicAdvice ends a UPS201 message: what the exposed credential allows
// and what to do.
func publicAdvice(c upstash.Credential) string {
	switch {
	case c.ReadOnly && strings.HasPrefix(c.Kind, "qstash"):
		return "; a read-only QStash token still reads messages and logs, so keep it server-side"
	case c.ReadOnly:
		return "; Upstash allows exposing a read-only token, but anyone can then read every key they can name, so confirm that is intended"
	case c.Kind == upstash.KindQStashToken:
		return "; anyone who has it can publish messages on your account and fetch the signing keys, so keep it in a server-only variable and reset it"
	case c.Kind == upstash.KindSigningKey:
		return "; anyone who has it can forge QStash deliveries, so keep it in a server-only variable and roll the signing keys"
	}
	return "; anyone can use it with full access, so keep it in a server-only variable (no public prefix) and rotate it"
}
