# The key travels in the Authorization header; OPENAI_BASE_URL, if set, picks another server.
curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "gpt-6-luna",
    "input": "Say hello to a new API key owner in one sentence."
  }'
