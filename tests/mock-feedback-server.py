#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mock OpenAI-compatible server of tests/mock-llm-server.py, with two more models for
the feedback tests (tests/test-feedback-session.c, tests/test-feedback-cli.c):

  echo      streams the last user message back, three characters per chunk, so that a
            placeholder such as [NAME-1] arrives split over several chunks
  say:HEX   streams the UTF-8 text whose hexadecimal form is HEX, three characters per chunk

Everything else (the output, /_requests, the other models) is mock-llm-server.py's.
"""

import importlib.util
import os

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mock-llm-server.py")
_spec = importlib.util.spec_from_file_location("mock_llm_server", _path)
mock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mock)


class Handler(mock.Handler):
    def chat(self, mode, arg, model, attempt, usage, body):
        if mode == "echo":
            users = [m.get("content", "") for m in body.get("messages", [])
                     if m.get("role") == "user"]
            self.stream_text(model, usage, users[-1] if users else "")
        elif mode == "say":
            self.stream_text(model, usage, bytes.fromhex(arg).decode("utf-8"))
        else:
            super().chat(mode, arg, model, attempt, usage, body)

    def stream_text(self, model, usage, text):
        self.start_stream()
        for i in range(0, len(text), 3):
            self.send_chunk(self.event(mock.chunk(model, content=text[i:i + 3])))
        self.send_chunk(self.event(mock.chunk(model, finish="stop")))
        if usage:
            self.send_chunk(self.event(mock.chunk(model, choices=False, usage={
                "prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30})))
        self.send_chunk(b"data: [DONE]\n\n")
        self.end_stream()


mock.Handler = Handler

if __name__ == "__main__":
    mock.main()
