//go:build cgo

package python

import (
	"fmt"
	"testing"
)

// TestQStashFacts: deliveries with the path the code writes, and
// Receiver.verify calls with and without url.
func TestQStashFacts(t *testing.T) {
	a := newAnalyzer(t)
	const head = "import os\nfrom qstash import QStash, Receiver\n\nclient = QStash(os.environ[\"QSTASH_TOKEN\"])\nreceiver = Receiver(current_signing_key=\"a\", next_signing_key=\"b\")\n"
	for _, tt := range []struct {
		src, want string
	}{
		{`client.message.publish_json(url=f"{os.environ['APP_URL']}/api/jobs", body={})`, "[publish_json /api/jobs]"},
		{`client.message.enqueue_json(queue="q", url=BASE + "/api/q/" + job_id, body={})`, "[enqueue_json /api/q/*]"},
		{`client.schedule.create(destination="https://app.example.com/api/cron", cron="* * * * *")`, "[schedule.create /api/cron]"},
		{`client.message.batch_json([BatchJsonRequest(url=f"{base}/api/a"), BatchJsonRequest(url=f"{base}/api/b")])`, "[batch_json /api/a batch_json /api/b]"},
		{`client.message.publish_json(url=target, body={})`, "[]"},
		{`receiver.verify(signature=sig, body=body)`, "[Receiver.verify url=false known=true]"},
		{`receiver.verify(signature=sig, body=body, url=f"{base}/api/jobs")`, "[Receiver.verify url=true known=true]"},
		{`receiver.verify(signature=sig, body=body, url=None)`, "[Receiver.verify url=false known=true]"},
		{`receiver.verify(signature=sig, **opts)`, "[Receiver.verify url=false known=false]"},
	} {
		f, _ := a.Analyze("app/jobs.py", []byte(head+tt.src+"\n"))
		var got []string
		for _, d := range f.Deliveries {
			got = append(got, d.Call+" "+d.Path)
		}
		for _, v := range f.Verifies {
			got = append(got, fmt.Sprintf("%s url=%v known=%v", v.Call, v.URL, v.Known))
		}
		if s := fmt.Sprint(got); s != tt.want {
			t.Errorf("%s: %s, want %s", tt.src, s, tt.want)
		}
	}
	// Without the SDK, verify(signature=…) is another library's.
	f, _ := a.Analyze("app/other.py", []byte("import jwt\njwt.verify(signature=s, body=b)\n"))
	if len(f.Verifies) != 0 {
		t.Errorf("jwt.verify: %+v, want none", f.Verifies)
	}
}
