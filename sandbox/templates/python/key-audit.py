import time

from openai import OpenAI

# Admin endpoints take an admin key (sk-admin-...), never a project key.
# The SDK reads OPENAI_ADMIN_KEY (and OPENAI_BASE_URL, if set) from the environment.
client = OpenAI()
DAY = 24 * 60 * 60
now = int(time.time())

count = 0
# Iterating a list page follows has_more / last_id through every page: no key is missed.
for project in client.admin.organization.projects.list():
    for key in client.admin.organization.projects.api_keys.list(project.id):
        count += 1
        owner = "service account" if key.owner.type == "service_account" else "user"
        last_used = f"{(now - key.last_used_at) // DAY} days ago" if key.last_used_at else "never"
        print(f"{project.name} | {key.name} | {key.redacted_value} | {owner} | last used: {last_used}")
print("No keys yet: create one in the practice console." if count == 0 else f"{count} keys.")
