from openai import OpenAI

# Run this right after you deploy a new or rotated key: it is cheap and proves the key works.
client = OpenAI()

models = client.models.list()
print("The key is accepted. It can see", len(models.data), "models.")

response = client.responses.create(
    model="gpt-6-luna",
    input="Reply with the single word OK.",
    max_output_tokens=16,
)
print("A model call works:", response.output_text)
print("It cost", response.usage.total_tokens, "tokens.")
