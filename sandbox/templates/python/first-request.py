from openai import OpenAI

# The SDK reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set) from the environment.
client = OpenAI()

response = client.responses.create(
    model="gpt-6-luna",
    input="Say hello to a new API key owner in one sentence.",
)

print(response.output_text)
print("Tokens used:", response.usage.total_tokens)
