package secrets

import (
	"math/rand"
	"strings"
	"testing"
)

// benchInputs builds a few MB of text in three shapes, with tokens planted:
// mixed source/config/base64 lines, one minified line that mentions Upstash
// (so every context rule runs over it), and a file of many key = value lines.
func benchInputs() map[string][]byte {
	rng := rand.New(rand.NewSource(1))
	randB64 := func(n int) string {
		const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		b := make([]byte, n)
		for i := range b {
			b[i] = a[rng.Intn(len(a))]
		}
		return string(b)
	}
	lines := []string{
		"import { Redis } from \"@upstash/redis\";",
		"export async function GET(req: Request) { const id = req.headers.get(\"x-forwarded-for\") ?? \"anon\";",
		"  const { success } = await ratelimit.limit(id); if (!success) return new Response(\"slow down\", { status: 429 });",
		"    \"integrity\": \"sha512-" + randB64(86) + "==\",",
		"password: os.getenv(\"REDIS_PASSWORD\")  # token from the environment",
		"const apiKey = process.env.API_KEY; const token = process.env.UPSTASH_REDIS_REST_TOKEN;",
		"Authorization: Bearer ${TOKEN}",
		"def handler(event, context):\n    return {\"statusCode\": 200, \"body\": json.dumps(event)}",
	}
	var mixed strings.Builder
	mixed.WriteString("UPSTASH_REDIS_REST_URL=https://fake-otter-12345.upstash.io\n")
	for i := 0; mixed.Len() < 4<<20; i++ {
		switch {
		case i%500 == 0:
			mixed.WriteString("token: \"" + tokFull + "\"\n")
		case i%700 == 0:
			mixed.WriteString("QSTASH_CURRENT_SIGNING_KEY=" + sigKey + "\n")
		case i%300 == 0:
			mixed.WriteString("data:image/png;base64," + randB64(2000) + "\n")
		default:
			mixed.WriteString(lines[rng.Intn(len(lines))] + "\n")
		}
	}
	var mini strings.Builder
	mini.WriteString("/*! @upstash/redis */")
	for mini.Len() < 4<<20 {
		mini.WriteString(`var t=this.token,e={Authorization:"Bearer "+t},n=a.password||"",r=function(o){return o.apiKey};`)
		mini.WriteString(randB64(64))
	}
	mini.WriteString(`new Redis({url:"https://fake-otter-12345.upstash.io",token:"` + tokFull + `"})`)
	var kv strings.Builder
	kv.WriteString("url: https://fake-otter-12345.upstash.io\n")
	for kv.Len() < 2<<20 {
		kv.WriteString("  token: \"" + randB64(24) + "\"\n  secret: " + randB64(20) + "\n")
	}
	return map[string][]byte{"mixed": []byte(mixed.String()), "minified": []byte(mini.String()), "kv-heavy": []byte(kv.String())}
}

func BenchmarkDetect(b *testing.B) {
	d := newDetector(b)
	inputs := benchInputs()
	for _, name := range []string{"mixed", "minified", "kv-heavy"} {
		data := inputs[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if len(detectAll(d, "bench.txt", data)) == 0 {
					b.Fatal("no findings")
				}
			}
		})
	}
}

// BenchmarkPrefilter measures the keyword pass alone (prefilter.masks), on
// the inputs of BenchmarkDetect.
func BenchmarkPrefilter(b *testing.B) {
	d := newDetector(b)
	inputs := benchInputs()
	for _, name := range []string{"mixed", "minified", "kv-heavy"} {
		s := string(inputs[name])
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			var masks []ruleMask
			frags := chunksOf(s, nil)
			for b.Loop() {
				masks, _ = d.pre.masks(s, frags, masks)
			}
		})
	}
}
