import os

from qstash import QStash

client = QStash(os.environ["QSTASH_TOKEN"])


def enqueue_report(report_id: str) -> None:
    client.message.publish_json(url=f"{os.environ['APP_URL']}/api/process", body={"id": report_id})
