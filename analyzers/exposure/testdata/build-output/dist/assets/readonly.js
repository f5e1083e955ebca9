const c={url:"https://fake-otter-12345.upstash.io",token:"AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"}; // want "UPS204"
