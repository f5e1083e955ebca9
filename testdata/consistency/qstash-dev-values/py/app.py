from qstash import QStash, Receiver

# The local QStash dev server and its public credentials.
client = QStash("eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=", base_url="http://127.0.0.1:8080")
receiver = Receiver(current_signing_key="sig_6jWGaWRxHsw4vMSPJprXadyvrybF", next_signing_key="sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx")
