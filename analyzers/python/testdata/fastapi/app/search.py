from upstash_vector import Index

# Secrets in code are UPS1xx (analyzers/secrets); here the facts keep only a
# redaction of this FAKE read-only token.
index = Index(
    url="https://fake-otter-12345-us1-vector.upstash.io",
    token="ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=",
)


def similar(vec):
    return index.query(vector=vec, top_k=3)
