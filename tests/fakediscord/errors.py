"""Discord's error responses, with the status codes and JSON error codes Discord really uses.

discord.py turns these into Forbidden / NotFound / HTTPException with `.code` and a flattened
"In content: Must be 2000 or fewer in length." text, exactly as in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FormError:
    """One entry of an Invalid Form Body response; path like ("embeds", 0, "title")."""

    path: tuple[str | int, ...]
    code: str
    message: str

    def describe(self) -> str:
        where = ".".join(str(p) for p in self.path) or "(body)"
        return f"{where}: {self.message}"


class ApiError(Exception):
    """Raised inside handlers; the middleware answers it and records it as a violation."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        errors: dict[str, Any] | None = None,
        *,
        detail: str = "",
        violation: bool = True,
    ) -> None:
        super().__init__(f"{status} {message} ({code})")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.detail = detail
        self.violation = violation

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body

    def describe(self) -> str:
        text = f"{self.status} {self.message} ({self.code})"
        return f"{text}: {self.detail}" if self.detail else text


def invalid_form_body(errors: list[FormError], prefix: tuple[str | int, ...] = ()) -> ApiError:
    tree: dict[str, Any] = {}
    for error in errors:
        node = tree
        for part in (*prefix, *error.path):
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": error.code, "message": error.message})
    detail = "; ".join(FormError((*prefix, *e.path), e.code, e.message).describe() for e in errors)
    return ApiError(400, 50035, "Invalid Form Body", tree, detail=detail)


def missing_permissions(detail: str = "") -> ApiError:
    return ApiError(403, 50013, "Missing Permissions", detail=detail)


def missing_access(detail: str = "") -> ApiError:
    return ApiError(403, 50001, "Missing Access", detail=detail)


def empty_message() -> ApiError:
    return ApiError(400, 50006, "Cannot send an empty message")


def unknown_interaction(detail: str = "") -> ApiError:
    return ApiError(404, 10062, "Unknown interaction", detail=detail)


def already_acknowledged() -> ApiError:
    return ApiError(400, 40060, "Interaction has already been acknowledged.")


def unknown_webhook(detail: str = "") -> ApiError:
    return ApiError(404, 10015, "Unknown Webhook", detail=detail)


def invalid_webhook_token(detail: str = "") -> ApiError:
    return ApiError(401, 50027, "Invalid Webhook Token", detail=detail)


def unknown_message(*, violation: bool = True) -> ApiError:
    return ApiError(404, 10008, "Unknown Message", violation=violation)


def unknown_channel(*, violation: bool = True) -> ApiError:
    return ApiError(404, 10003, "Unknown Channel", violation=violation)


def unknown_guild(*, violation: bool = True) -> ApiError:
    return ApiError(404, 10004, "Unknown Guild", violation=violation)


def unknown_user(*, violation: bool = False) -> ApiError:
    return ApiError(404, 10013, "Unknown User", violation=violation)


def unknown_member(*, violation: bool = False) -> ApiError:
    return ApiError(404, 10007, "Unknown Member", violation=violation)


def unknown_command(*, violation: bool = True) -> ApiError:
    return ApiError(404, 10063, "Unknown application command", violation=violation)


def cannot_edit_others() -> ApiError:
    return ApiError(403, 50005, "Cannot edit a message authored by another user")


def too_large(detail: str = "") -> ApiError:
    return ApiError(413, 40005, "Request entity too large", detail=detail)


def thread_archived() -> ApiError:
    return ApiError(400, 50083, "Thread is archived")


def unauthorized() -> ApiError:
    return ApiError(401, 0, "401: Unauthorized")


def bad_request(detail: str) -> ApiError:
    return ApiError(400, 50109, "The request body contains invalid JSON.", detail=detail)


def invalid_callback_type(detail: str) -> ApiError:
    error = FormError(("type",), "INTERACTION_CALLBACK_TYPE_INVALID", detail)
    return invalid_form_body([error])


class ClientRefused(Exception):
    """A real Discord client would not let the member do this, so the driving API refuses.

    Raised in the test, never sent to the bot: it means the test set up something impossible.
    """
