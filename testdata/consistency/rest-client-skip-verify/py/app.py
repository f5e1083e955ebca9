import os

import requests

resp = requests.get("https://fake-otter-12345.upstash.io/get/greeting", headers={"Authorization": "Bearer " + os.environ["UPSTASH_REDIS_REST_TOKEN"]}, verify=False)  # want "UPS302"
