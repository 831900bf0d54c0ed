"""Drives the simulator with the real boto3 client (HTTP/1.1, urllib3). Prints one JSON object.

Usage: python3 boto3_client.py <endpoint-url>
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

url = sys.argv[1]
client = boto3.client(
    "bedrock-runtime", endpoint_url=url, region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="x",
    config=Config(retries={"total_max_attempts": 1}),
)
fault = {"value": None}


def add_fault(request, **_):
    if fault["value"] is not None:
        request.headers["x-bedrock-sim-fault"] = json.dumps(fault["value"])


client.meta.events.register("before-sign.bedrock-runtime.*", add_fault)
haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
messages = [{"role": "user", "content": [{"text": "Hello from boto3"}]}]
out = {}

r = client.converse(modelId=haiku, messages=messages, inferenceConfig={"maxTokens": 64})
out["converse"] = {"stopReason": r["stopReason"], "outputTokens": r["usage"]["outputTokens"], "latencyMs": r["metrics"]["latencyMs"]}

r = client.converse_stream(modelId=haiku, messages=messages)
out["converseStream"] = [next(iter(e)) for e in r["stream"]]

body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 16, "messages": [{"role": "user", "content": "Hi"}]})
r = client.invoke_model(modelId=haiku, body=body)
headers = r["ResponseMetadata"]["HTTPHeaders"]
out["invoke"] = {"stop_reason": json.loads(r["body"].read())["stop_reason"], "outputTokenHeader": headers.get("x-amzn-bedrock-output-token-count")}

r = client.invoke_model_with_response_stream(modelId=haiku, body=body)
chunks = [json.loads(e["chunk"]["bytes"]) for e in r["body"]]
out["invokeStream"] = {"types": [c["type"] for c in chunks], "metrics": chunks[-1].get("amazon-bedrock-invocationMetrics")}

r = client.count_tokens(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", input={"converse": {"messages": messages}})
out["countTokens"] = r["inputTokens"]

try:
    client.converse(modelId="acme.nope-v1:0", messages=messages)
except ClientError as e:
    out["unknownModel"] = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

fault["value"] = {"kind": "throttle"}
try:
    client.converse(modelId=haiku, messages=messages)
except ClientError as e:
    out["throttle"] = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

fault["value"] = {"kind": "stream-exception", "afterEvents": 2}
try:
    for _ in client.converse_stream(modelId=haiku, messages=messages)["stream"]:
        pass
except EventStreamError as e:
    out["midStream"] = {"code": e.response["Error"]["Code"]}

print(json.dumps(out))
