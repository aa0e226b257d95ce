#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A mock OpenAI-compatible server for the LLM client tests. Standard library only.

Listens on 127.0.0.1 at a free port and prints "PORT" as the first line on stdout, then
"blackhole PORT" for a port whose connections never complete (the connect-time tests).
Exits when stdin closes, and after ten minutes in any case.

The model name picks the behaviour: "MODE[:ARG][/TAG]". TAG makes a name unique so that a
test can count its own attempts. Modes:

  normal            a short answer, finish_reason "stop", usage chunk, [DONE]
  bytewise          the same, each byte in its own chunk
  crlf, cr          the same with \\r\\n or \\r line endings
  comments          the same with ": keep-alive" comments, event:/id: fields and an event
                    whose JSON spans two data: lines
  slow:SECS         waits SECS (default 3) before sending anything, then normal
  forever           keeps sending keep-alives and "tick " tokens until the client goes
  stall:SECS        one token, then silence for SECS (default 30), then the rest
  status:CODE       that HTTP status with an OpenAI-style error body
  ratelimit:SECS    first request 429 with Retry-After: SECS, then normal
  ratelimit-date    first request 429 with Retry-After as an HTTP date 2 s ahead
  ratelimit-ms      first two requests 429 with retry-after-ms: 200 (and Retry-After: 30)
  ratelimit-long    always 429 with Retry-After: 3600
  ratelimit-always  always 429 without Retry-After
  quota             429 with code insufficient_quota
  flaky             first request 500, then normal
  unavailable       always 503
  context           400 with code context_length_exceeded
  error-event       some text, then {"error": {...}} after HTTP 200
  cut               some text, then the connection closes mid-stream
  cut-clean         some text, then a clean end without finish_reason or [DONE]
  invalid-json      some text, then an event that is not JSON
  reasoning         delta.reasoning_content, then delta.reasoning, then content
  length            finish_reason "length"
  big               a 5 MiB answer with multi-byte characters
  json              a whole chat.completion instead of a stream
  redirect          307 to another path
  html              200 with a web page (a captive portal, a web UI)
  no-stream-options 400 when the request has stream_options, else normal
Any other model: 404 model_not_found.

Paths: POST {prefix}/v1/chat/completions, GET {prefix}/v1/models, GET {prefix}/api/tags.
Prefix "/tags-only" answers 404 at /v1/models; "/nothing" answers 404 everywhere; "/auth"
answers 401 unless "Authorization: Bearer sekrit". GET /_requests returns every request
received so far (method, path, headers, body) as JSON.
"""

import email.utils
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIFETIME = 600
FOREVER_LIMIT = 120

TOKENS = ["Hello", ",", " world", "! ", "Ça va", " 🙂", "?"]
TEXT = "".join(TOKENS)
MODELS = ["big", "normal", "reasoning", "slow"]

lock = threading.Lock()
received = []
attempts = {}


class Gone(Exception):
    """The client closed the connection."""


def chunk(model, content=None, reasoning=None, reasoning_content=None, finish=None,
          usage=None, choices=True):
    obj = {"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 0,
           "model": model}
    if choices:
        delta = {}
        if content is not None:
            delta["content"] = content
        if reasoning is not None:
            delta["reasoning"] = reasoning
        if reasoning_content is not None:
            delta["reasoning_content"] = reasoning_content
        obj["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
    else:
        obj["choices"] = []
    if usage is not None:
        obj["usage"] = usage
    return obj


def error_body(message, type_, code):
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "MockLLM/1.0"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass

    # Plumbing

    def record(self, body):
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
        }
        with lock:
            received.append(entry)

    def count_attempt(self, model):
        with lock:
            attempts[model] = attempts.get(model, 0) + 1
            return attempts[model]

    def send_json(self, status, obj, extra_headers=None):
        data = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def write(self, data):
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError) as e:
            raise Gone() from e

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def send_chunk(self, data):
        if data:
            self.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_stream(self):
        self.write(b"0\r\n\r\n")

    def event(self, obj, eol="\n"):
        return ("data: " + json.dumps(obj, ensure_ascii=False) + eol + eol).encode()

    # Requests

    def do_GET(self):
        if self.path == "/_requests":
            with lock:
                snapshot = list(received)
            self.send_json(200, snapshot)
            return

        self.record(None)
        prefix, path = self.split_path()
        if prefix == "/auth" and self.headers.get("Authorization") != "Bearer sekrit":
            self.send_json(401, error_body("Incorrect API key provided", "invalid_request_error",
                                           "invalid_api_key"))
        elif prefix == "/nothing":
            self.send_json(404, {"detail": "Not Found"})
        elif path == "/v1/models" and prefix != "/tags-only":
            self.send_json(200, {"object": "list", "data": [
                {"id": name, "object": "model", "owned_by": "mock"} for name in MODELS]})
        elif path == "/api/tags":
            self.send_json(200, {"models": [{"name": name + ":latest", "model": name + ":latest"}
                                            for name in MODELS]})
        else:
            self.send_json(404, {"error": "404 page not found"})

    def split_path(self):
        path = self.path.split("?", 1)[0]
        for prefix in ("/tags-only", "/nothing", "/auth", "/elsewhere"):
            if path.startswith(prefix + "/"):
                return prefix, path[len(prefix):]
        return "", path

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        self.record(body)

        prefix, path = self.split_path()
        if prefix == "/auth" and self.headers.get("Authorization") != "Bearer sekrit":
            self.send_json(401, error_body("Incorrect API key provided", "invalid_request_error",
                                           "invalid_api_key"))
            return
        if prefix == "/nothing" or path != "/v1/chat/completions" or not isinstance(body, dict):
            self.send_json(404, {"detail": "Not Found"})
            return

        model = str(body.get("model", ""))
        base = model.split("/", 1)[0]
        mode, _, arg = base.partition(":")
        attempt = self.count_attempt(model)
        usage = bool((body.get("stream_options") or {}).get("include_usage"))
        try:
            self.chat(mode, arg, model, attempt, usage, body)
        except Gone:
            self.close_connection = True

    def chat(self, mode, arg, model, attempt, usage, body):
        if mode in ("normal", "bytewise", "crlf", "cr", "comments"):
            self.stream_normal(model, usage, mode)
        elif mode == "slow":
            time.sleep(float(arg or 3))
            self.stream_normal(model, usage)
        elif mode == "forever":
            self.stream_forever(model)
        elif mode == "stall":
            self.start_stream()
            self.send_chunk(self.event(chunk(model, content="Before the stall")))
            time.sleep(float(arg or 30))
            self.send_chunk(self.event(chunk(model, finish="stop")) + b"data: [DONE]\n\n")
            self.end_stream()
        elif mode == "status":
            code = int(arg or 500)
            messages = {401: "Incorrect API key provided", 403: "You are not allowed here"}
            self.send_json(code, error_body(messages.get(code, "Mock status %d" % code),
                                            "invalid_request_error", None))
        elif mode == "ratelimit" and attempt == 1:
            self.send_json(429, error_body("Rate limit reached", "requests", "rate_limit_exceeded"),
                           {"Retry-After": arg or "1"})
        elif mode == "ratelimit-date" and attempt == 1:
            when = email.utils.formatdate(time.time() + 2, usegmt=True)
            self.send_json(429, error_body("Rate limit reached", "requests", "rate_limit_exceeded"),
                           {"Retry-After": when})
        elif mode == "ratelimit-ms" and attempt <= 2:
            self.send_json(429, error_body("Rate limit reached", "requests", "rate_limit_exceeded"),
                           {"Retry-After": "30", "retry-after-ms": "200"})
        elif mode == "ratelimit-long":
            self.send_json(429, error_body("Rate limit reached", "requests", "rate_limit_exceeded"),
                           {"Retry-After": "3600"})
        elif mode == "ratelimit-always":
            self.send_json(429, error_body("Rate limit reached", "requests", "rate_limit_exceeded"))
        elif mode in ("ratelimit", "ratelimit-date", "ratelimit-ms"):
            self.stream_normal(model, usage)
        elif mode == "quota":
            self.send_json(429, error_body("You exceeded your current quota, please check your "
                                           "plan and billing details.", "insufficient_quota",
                                           "insufficient_quota"),
                           {"Retry-After": "1"})
        elif mode == "flaky" and attempt == 1:
            self.send_json(500, error_body("The server had an error", "server_error", None))
        elif mode == "flaky":
            self.stream_normal(model, usage)
        elif mode == "unavailable":
            self.send_json(503, error_body("The engine is currently overloaded", "server_error",
                                           None))
        elif mode == "context":
            self.send_json(400, error_body(
                "This model's maximum context length is 8192 tokens. However, your messages "
                "resulted in 9000 tokens.", "invalid_request_error", "context_length_exceeded"))
        elif mode == "error-event":
            self.start_stream()
            self.send_chunk(self.event(chunk(model, content="Partial")))
            self.send_chunk(self.event(chunk(model, content=" answer")))
            self.send_chunk(self.event({"error": {"message": "The model crashed.",
                                                  "type": "server_error", "code": None}}))
            self.end_stream()
        elif mode == "cut":
            self.start_stream()
            self.send_chunk(self.event(chunk(model, content="Cut")))
            self.send_chunk(self.event(chunk(model, content=" off")))
            # Half of a chunk, then the connection goes.
            self.write(b"40\r\ndata: {\"choi")
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif mode == "cut-clean":
            self.start_stream()
            self.send_chunk(self.event(chunk(model, content="Ended")))
            self.send_chunk(self.event(chunk(model, content=" early")))
            self.end_stream()
        elif mode == "invalid-json":
            self.start_stream()
            self.send_chunk(self.event(chunk(model, content="Good")))
            self.send_chunk(self.event(chunk(model, content=" so far")))
            self.send_chunk(b"data: {\"choices\": [{\"delta\": {\"content\": oops}}]\n\n")
            self.send_chunk(self.event(chunk(model, content=" never shown")))
            self.send_chunk(b"data: [DONE]\n\n")
            self.end_stream()
        elif mode == "reasoning":
            self.start_stream()
            for piece in ["Let me ", "think. "]:
                self.send_chunk(self.event(chunk(model, reasoning_content=piece)))
            for piece in ["Still ", "thinking."]:
                self.send_chunk(self.event(chunk(model, reasoning=piece)))
            # Some servers send both names with the same text.
            self.send_chunk(self.event(chunk(model, reasoning=" Done.",
                                             reasoning_content=" Done.")))
            for piece in ["The ", "answer."]:
                self.send_chunk(self.event(chunk(model, content=piece)))
            self.send_chunk(self.event(chunk(model, finish="stop")))
            self.send_chunk(b"data: [DONE]\n\n")
            self.end_stream()
        elif mode == "length":
            self.start_stream()
            for piece in ["This answer ", "is cut"]:
                self.send_chunk(self.event(chunk(model, content=piece)))
            self.send_chunk(self.event(chunk(model, finish="length")))
            if usage:
                self.send_chunk(self.event(chunk(model, choices=False, usage={
                    "prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9})))
            self.send_chunk(b"data: [DONE]\n\n")
            self.end_stream()
        elif mode == "big":
            self.stream_big(model)
        elif mode == "json":
            self.send_json(200, {
                "id": "chatcmpl-mock", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": "Whole answer.",
                                         "reasoning_content": "Whole thought."}}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}})
        elif mode == "html":
            data = b"<!doctype html><html><body>Sign in to the Wi-Fi</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif mode == "redirect":
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:%d/elsewhere/v1/chat/completions"
                             % self.server.server_address[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "no-stream-options":
            if "stream_options" in body:
                self.send_json(400, error_body("Unrecognized request argument supplied: "
                                               "stream_options", "invalid_request_error", None))
            else:
                self.stream_normal(model, usage)
        else:
            self.send_json(404, error_body("The model `%s` does not exist or you do not have "
                                           "access to it." % model, "invalid_request_error",
                                           "model_not_found"))

    # Streams

    def normal_events(self, model, usage, eol="\n", comments=False):
        out = []
        out.append(("data: " + json.dumps(chunk(model, content=""), ensure_ascii=False)
                    + eol + eol).encode())
        for i, token in enumerate(TOKENS):
            text = json.dumps(chunk(model, content=token), ensure_ascii=False)
            if comments:
                out.append((": keep-alive" + eol + "event: message" + eol + "id: %d" % i + eol
                            + ":" + eol).encode())
                if i == 2:
                    # One event's JSON over two data: lines; they join with "\n".
                    half = text.index(",") + 1
                    out.append(("data: " + text[:half] + eol + "data:" + text[half:] + eol + eol)
                               .encode())
                    continue
            out.append(("data: " + text + eol + eol).encode())
        out.append(("data: " + json.dumps(chunk(model, finish="stop")) + eol + eol).encode())
        if usage:
            out.append(("data: " + json.dumps(chunk(model, choices=False, usage={
                "prompt_tokens": 12, "completion_tokens": 7, "total_tokens": 19}))
                        + eol + eol).encode())
        if comments:
            out.append((": bye" + eol).encode())
        out.append(("data: [DONE]" + eol + eol).encode())
        return out

    def stream_normal(self, model, usage, mode="normal"):
        eol = {"crlf": "\r\n", "cr": "\r"}.get(mode, "\n")
        events = self.normal_events(model, usage, eol, comments=(mode == "comments"))
        self.start_stream()
        if mode == "bytewise":
            for byte in b"".join(events):
                self.send_chunk(bytes([byte]))
                time.sleep(0.0005)
        else:
            for data in events:
                self.send_chunk(data)
        self.end_stream()

    def stream_forever(self, model):
        self.start_stream()
        deadline = time.time() + FOREVER_LIMIT
        while time.time() < deadline:
            self.send_chunk(b": keep-alive\n\n")
            self.send_chunk(self.event(chunk(model, content="tick ")))
            time.sleep(0.05)
        self.end_stream()

    def stream_big(self, model):
        # 5 MiB: 5120 tokens of 1024 bytes each, with 2- and 4-byte characters that TCP will
        # split anywhere.
        token = "é🙂" + "x" * 1018
        assert len(token.encode()) == 1024
        self.start_stream()
        batch = []
        for i in range(5120):
            batch.append(self.event(chunk(model, content=token)))
            if len(batch) == 64:
                self.send_chunk(b"".join(batch))
                batch = []
        batch.append(self.event(chunk(model, finish="stop")))
        batch.append(b"data: [DONE]\n\n")
        self.send_chunk(b"".join(batch))
        self.end_stream()


def make_blackhole():
    """A listening socket whose backlog is full, so that a new connection never completes."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(0)
    port = sock.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.setblocking(False)
        try:
            filler.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        fillers.append(filler)
    return sock, fillers, port


def watch_stdin():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up (Stop, a cut test) is expected; say anything else.
        if not isinstance(sys.exc_info()[1], (Gone, ConnectionError, OSError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    blackhole = make_blackhole()
    print(server.server_address[1], flush=True)
    print("blackhole", blackhole[2], flush=True)
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
