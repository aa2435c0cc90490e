# Listing models is free and needs only Read: it proves the key is accepted.
curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/models" \
  -H "Authorization: Bearer $OPENAI_API_KEY"
echo

# One tiny billable call proves the key may call models (Request permission).
curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "gpt-6-luna",
    "input": "Reply with the single word OK.",
    "max_output_tokens": 16
  }'
