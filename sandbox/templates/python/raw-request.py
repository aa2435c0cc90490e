import json
import os
import urllib.request

# No SDK here: one HTTP request, so you can see exactly what travels over the wire.
base_url = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")

request = urllib.request.Request(
    f"{base_url}/responses",
    method="POST",
    headers={
        # The key travels in this one header, after the word Bearer and a space.
        "Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}",
        "Content-Type": "application/json",
    },
    data=json.dumps({"model": "gpt-6-luna", "input": "Say hi in five words."}).encode(),
)

with urllib.request.urlopen(request) as response:
    print("Status:", response.status)
    print("x-request-id:", response.headers.get("x-request-id"))
    print("x-ratelimit-remaining-requests:", response.headers.get("x-ratelimit-remaining-requests"))
    print("Body:")
    print(json.dumps(json.load(response), indent=2))
