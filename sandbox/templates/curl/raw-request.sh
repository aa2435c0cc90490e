# -i prints the status line and the headers (x-request-id, x-ratelimit-*) before the body.
curl -sS -i "${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "gpt-6-luna", "input": "Say hi in five words."}'
