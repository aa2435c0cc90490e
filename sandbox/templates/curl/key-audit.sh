# Every project of the organization. Admin endpoints take an admin key (sk-admin-...).
curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/organization/projects?limit=100" \
  -H "Authorization: Bearer $OPENAI_ADMIN_KEY"
echo

# The keys of one project: set PROJECT_ID to an "id" from the list above (proj_...).
# A page holds at most 100; while "has_more" is true, add &after=<last_id> for the next one.
curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/organization/projects/${PROJECT_ID:?set PROJECT_ID to a project id}/api_keys?limit=100" \
  -H "Authorization: Bearer $OPENAI_ADMIN_KEY"
