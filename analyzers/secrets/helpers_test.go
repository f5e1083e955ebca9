package secrets

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"sync"
	"testing"

	"github.com/upscan/upscan/rules"
)

var (
	sharedOnce sync.Once
	shared     *Detector
	sharedErr  error
)

// newDetector returns a detector shared by the tests (New is the expensive part).
func newDetector(tb testing.TB) *Detector {
	tb.Helper()
	sharedOnce.Do(func() { shared, sharedErr = New() })
	if sharedErr != nil {
		tb.Fatalf("New: %v", sharedErr)
	}
	return shared
}

// Fake credential builders: they encode the byte layouts of UPSTASH.md §1 with
// placeholder content, so tests can vary kinds, formats and database numbers.
// Nothing they return is a real credential.

const (
	fakeUUID = "0f0f0f0f-1111-4222-8333-444455556666"
	fakeHex  = "deadbeefcafef00d0badc0de12345678"
)

// fakeRedisToken builds a Redis REST token (UPSTASH.md §1.2): kind byte
// 0x01 full / 0x02 read-only, the database number, then the new header
// 00 02 len "p1…" (unpadded) or the old header 01 24 20 + UUID (padded).
func fakeRedisToken(readOnly bool, db uint16, old bool) string {
	kind := byte(1)
	if readOnly {
		kind = 2
	}
	b := []byte{kind, byte(db >> 8), byte(db)}
	var tail []byte
	if readOnly {
		for i := 0; i < 32; i++ {
			tail = append(tail, byte(i*37+11)) // arbitrary bytes, like the random tail
		}
	} else if old {
		tail = []byte(fakeHex)
	} else {
		tail = []byte(fakeHex + "p1" + strconv.Itoa(int(db)))
	}
	if old {
		b = append(b, 0x01, 0x24, 0x20)
		b = append(b, fakeUUID...)
		b = append(b, tail...)
		return base64.URLEncoding.EncodeToString(b)
	}
	b = append(b, 0x00, 0x02, byte(len(tail)), 'p', '1')
	b = append(b, tail...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// fakeOlderRedisToken builds a full REST token of the 2021–2022 layout
// (UPSTASH.md §1.2): 0x01, the database number, header (00 24 20 in the
// real layout; the tests vary it), the database UUID and the password, as
// padded base64url.
func fakeOlderRedisToken(db uint16, header string, uuid, password string) string {
	b := []byte{1, byte(db >> 8), byte(db)}
	b = append(b, header...)
	b = append(b, uuid...)
	b = append(b, password...)
	return base64.URLEncoding.EncodeToString(b)
}

// fakeQStashToken builds a QStash token: base64 of {"UserID","Password"}.
func fakeQStashToken(user string) string {
	j, _ := json.Marshal(struct{ UserID, Password string }{user, fakeHex})
	return base64.StdEncoding.EncodeToString(j)
}

// fakeIndexToken builds a Vector/Search token (UPSTASH.md §1.4).
func fakeIndexToken(name, role string) string {
	b := []byte{0, byte(len(name)), byte(len(role)), '0'}
	b = append(b, name...)
	b = append(b, role...)
	b = append(b, base64.StdEncoding.EncodeToString([]byte(fakeUUID))...)
	return base64.StdEncoding.EncodeToString(b)
}

// detectAll is Detect for tests: an internal error fails loudly.
func detectAll(d *Detector, path string, data []byte) []rules.Finding {
	fs, err := d.Detect(path, data)
	if err != nil {
		panic(err)
	}
	return fs
}
