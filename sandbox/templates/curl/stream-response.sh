# -N prints each server-sent event as it arrives instead of buffering the reply.
curl -sS -N "${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "gpt-6-luna",
    "input": "Give three short tips for keeping an API key safe.",
    "stream": true
  }'
