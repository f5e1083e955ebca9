import os

from qstash import Receiver

receiver = Receiver(current_signing_key="sig_3xAmPLe4FakeKeyNotReaLpQrSt7", next_signing_key=os.environ["QSTASH_NEXT_SIGNING_KEY"])  # want "UPS105"
