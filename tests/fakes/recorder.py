"""A stand-in command service for adapter plumbing tests: it records requests and answers as told."""

from __future__ import annotations

from bot.commands.model import CommandRequest, Reply


class Recorder:
    """Record every request and answer with `answer(request)`."""

    def __init__(self, answer=lambda request: Reply(text=f"echo: {request.text}")) -> None:
        self.requests: list[CommandRequest] = []
        self._answer = answer

    async def handle(self, request: CommandRequest) -> Reply:
        self.requests.append(request)
        return self._answer(request)
