import re
import time

import openai
from openai import OpenAI

# This program runs its own retry loop, so the SDK's two quick retries are turned off.
client = OpenAI(max_retries=0)


def to_seconds(duration):
    """The API's durations: "667ms", "1.334s", "1m0s"."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * units[unit] for n, unit in re.findall(r"([\d.]+)(ms|s|m|h)", duration))


def wait_seconds(headers):
    """How long the server asked us to wait: retry-after, else the later of the two resets."""
    if headers.get("retry-after"):
        return float(headers["retry-after"])
    resets = [headers.get("x-ratelimit-reset-requests"), headers.get("x-ratelimit-reset-tokens")]
    return max([to_seconds(r) for r in resets if r] or [1])


def with_retries(call, attempts=5):
    """Calls `call`, waiting out rate limits; errors that a retry cannot fix are raised at once."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except openai.RateLimitError as error:
            final = (
                error.code == "insufficient_quota"  # no credits: waiting does not add any
                or "Request too large" in error.message  # bigger than the whole budget
                or attempt == attempts
            )
            if final:
                raise
            time.sleep(wait_seconds(error.response.headers))


response = with_retries(
    lambda: client.responses.create(model="gpt-6-luna", input="Name a colour.")
)
print(response.output_text)
