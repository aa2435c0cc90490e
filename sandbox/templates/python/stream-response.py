import json

from openai import OpenAI

client = OpenAI()

# stream=True returns the reply in small events instead of one answer at the end.
stream = client.responses.create(
    model="gpt-6-luna",
    input="Give three short tips for keeping an API key safe.",
    stream=True,
)

for event in stream:
    if event.type == "response.output_text.delta":
        print("piece:", json.dumps(event.delta))
    if event.type == "response.completed":
        print("Done. Tokens used:", event.response.usage.total_tokens)
