"""Discord's message limits and the project's no-ping rule.

The numbers are Discord's documented limits; error codes and texts mirror what Discord answers
in an Invalid Form Body response, so the bot sees the same HTTPException text as in production.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .errors import FormError
from .objects import MENTION_EVERYONE, mentioned_role_ids, mentioned_user_ids

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER_TEXT = 2048
MAX_AUTHOR_NAME = 256
MAX_EMBED_TOTAL = 6000
MAX_ACTION_ROWS = 5
MAX_ROW_WIDTH = 5
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_FILES = 10
MAX_MODAL_TITLE = 45

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12
FLAG_COMPONENTS_V2 = 1 << 15

_SELECT_TYPES = {3, 5, 6, 7, 8}
_URL_SCHEMES = {"http", "https", "attachment"}


def _too_long(path: tuple[str | int, ...], limit: int) -> FormError:
    return FormError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _required(path: tuple[str | int, ...]) -> FormError:
    return FormError(path, "BASE_TYPE_REQUIRED", "This field is required")


def check_message(data: dict[str, Any], *, file_count: int = 0) -> list[FormError]:
    """Form errors for a message body (create, edit, follow-up or callback data)."""
    errors: list[FormError] = []
    content = data.get("content")
    if content is not None and len(str(content)) > MAX_CONTENT:
        errors.append(_too_long(("content",), MAX_CONTENT))
    errors += check_embeds(data.get("embeds"))
    errors += check_components(data.get("components"), int(data.get("flags") or 0))
    errors += check_allowed_mentions(data.get("allowed_mentions"))
    if file_count > MAX_FILES:
        errors.append(_too_long(("files",), MAX_FILES))
    if int(data.get("flags") or 0) & FLAG_COMPONENTS_V2 and (content or data.get("embeds")):
        errors.append(
            FormError(
                ("content",),
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'content' and 'embeds' fields cannot be used when using components v2",
            )
        )
    return errors


def check_embeds(embeds: Any) -> list[FormError]:
    if not embeds:
        return []
    errors: list[FormError] = []
    if len(embeds) > MAX_EMBEDS:
        errors.append(_too_long(("embeds",), MAX_EMBEDS))
    total = 0
    for i, embed in enumerate(embeds):
        path: tuple[str | int, ...] = ("embeds", i)
        title = embed.get("title") or ""
        description = embed.get("description") or ""
        total += len(title) + len(description)
        if len(title) > MAX_EMBED_TITLE:
            errors.append(_too_long((*path, "title"), MAX_EMBED_TITLE))
        if len(description) > MAX_EMBED_DESCRIPTION:
            errors.append(_too_long((*path, "description"), MAX_EMBED_DESCRIPTION))
        fields = embed.get("fields") or []
        if len(fields) > MAX_EMBED_FIELDS:
            errors.append(_too_long((*path, "fields"), MAX_EMBED_FIELDS))
        for j, fld in enumerate(fields):
            name, value = str(fld.get("name") or ""), str(fld.get("value") or "")
            total += len(name) + len(value)
            fpath = (*path, "fields", j)
            if not name.strip():
                errors.append(_required((*fpath, "name")))
            elif len(name) > MAX_FIELD_NAME:
                errors.append(_too_long((*fpath, "name"), MAX_FIELD_NAME))
            if not value.strip():
                errors.append(_required((*fpath, "value")))
            elif len(value) > MAX_FIELD_VALUE:
                errors.append(_too_long((*fpath, "value"), MAX_FIELD_VALUE))
        footer = embed.get("footer")
        if footer is not None:
            text = str(footer.get("text") or "")
            total += len(text)
            if not text:
                errors.append(_required((*path, "footer", "text")))
            elif len(text) > MAX_FOOTER_TEXT:
                errors.append(_too_long((*path, "footer", "text"), MAX_FOOTER_TEXT))
        author = embed.get("author")
        if author is not None:
            name = str(author.get("name") or "")
            total += len(name)
            if not name:
                errors.append(_required((*path, "author", "name")))
            elif len(name) > MAX_AUTHOR_NAME:
                errors.append(_too_long((*path, "author", "name"), MAX_AUTHOR_NAME))
        errors += _check_embed_urls(embed, path)
        color = embed.get("color")
        if color is not None and not 0 <= int(color) <= 0xFFFFFF:
            errors.append(
                FormError((*path, "color"), "NUMBER_TYPE_MAX", "int value should be <= 16777215.")
            )
    if total > MAX_EMBED_TOTAL:
        errors.append(
            FormError(
                ("embeds",),
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}",
            )
        )
    return errors


def _check_embed_urls(embed: dict[str, Any], path: tuple[str | int, ...]) -> list[FormError]:
    candidates = [(("url",), embed.get("url"))]
    for key in ("image", "thumbnail", "author", "footer"):
        sub = embed.get(key) or {}
        field_name = "icon_url" if key == "footer" else "url"
        candidates.append(((key, field_name), sub.get(field_name)))
        if key == "author":
            candidates.append(((key, "icon_url"), sub.get("icon_url")))
    errors = []
    for where, url in candidates:
        if url is None:
            continue
        scheme = urlsplit(str(url)).scheme
        if scheme not in _URL_SCHEMES or not str(url).split(":", 1)[-1].strip("/"):
            errors.append(
                FormError(
                    (*path, *where),
                    "URL_TYPE_INVALID_SCHEME",
                    f'Scheme "{scheme}" is not supported. Scheme must be one of '
                    "('http', 'https').",
                )
            )
    return errors


def check_components(components: Any, flags: int = 0) -> list[FormError]:
    """Legacy (action row) layout limits, plus label/custom_id limits wherever buttons appear."""
    if not components:
        return []
    errors: list[FormError] = []
    seen_ids: set[str] = set()
    if not flags & FLAG_COMPONENTS_V2:
        if len(components) > MAX_ACTION_ROWS:
            errors.append(_too_long(("components",), MAX_ACTION_ROWS))
        for i, row in enumerate(components):
            path: tuple[str | int, ...] = ("components", i)
            if row.get("type") != 1:
                errors.append(
                    FormError(
                        (*path, "type"),
                        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "Top-level components must be action rows.",
                    )
                )
                continue
            children = row.get("components") or []
            width = sum(5 if c.get("type") in _SELECT_TYPES else 1 for c in children)
            if not children or len(children) > MAX_ROW_WIDTH:
                errors.append(
                    FormError(
                        (*path, "components"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 5 in length.",
                    )
                )
            elif width > MAX_ROW_WIDTH:
                errors.append(
                    FormError(
                        (*path, "components"),
                        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "The specified component exceeds the maximum width",
                    )
                )
    for path, comp in _walk_components(components, ("components",)):
        errors += _check_interactive(comp, path, seen_ids)
    return errors


def _walk_components(
    components: list[dict[str, Any]], path: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    found = []
    for i, comp in enumerate(components):
        here = (*path, i)
        found.append((here, comp))
        if comp.get("components"):
            found += _walk_components(comp["components"], (*here, "components"))
        if isinstance(comp.get("accessory"), dict):
            found.append(((*here, "accessory"), comp["accessory"]))
    return found


def _check_interactive(
    comp: dict[str, Any], path: tuple[str | int, ...], seen_ids: set[str]
) -> list[FormError]:
    errors: list[FormError] = []
    kind = comp.get("type")
    if kind != 2 and kind not in _SELECT_TYPES:
        return errors
    custom_id = comp.get("custom_id")
    if kind == 2:
        label = comp.get("label")
        if label is not None and len(label) > MAX_BUTTON_LABEL:
            errors.append(_too_long((*path, "label"), MAX_BUTTON_LABEL))
        style = comp.get("style")
        if style == 5:
            if not comp.get("url"):
                errors.append(_required((*path, "url")))
            if custom_id is not None:
                errors.append(
                    FormError(
                        (*path, "custom_id"),
                        "BUTTON_COMPONENT_CUSTOM_ID_WITH_URL",
                        "A custom id and url cannot both be specified",
                    )
                )
            return errors
        if style != 6 and not label and not comp.get("emoji"):
            errors.append(
                FormError(
                    (*path, "label"),
                    "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED",
                    "A label or emoji must be specified",
                )
            )
    if style_needs_custom_id(comp):
        if not custom_id:
            errors.append(_required((*path, "custom_id")))
        elif len(custom_id) > MAX_CUSTOM_ID:
            errors.append(_too_long((*path, "custom_id"), MAX_CUSTOM_ID))
        elif custom_id in seen_ids:
            errors.append(
                FormError(
                    (*path, "custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                )
            )
        else:
            seen_ids.add(custom_id)
    return errors


def style_needs_custom_id(comp: dict[str, Any]) -> bool:
    if comp.get("type") in _SELECT_TYPES:
        return True
    return comp.get("type") == 2 and comp.get("style") not in (5, 6)


def check_allowed_mentions(allowed: Any) -> list[FormError]:
    if allowed is None:
        return []
    errors = []
    parse = allowed.get("parse") or []
    for kind in ("users", "roles"):
        if kind in parse and allowed.get(kind):
            errors.append(
                FormError(
                    ("allowed_mentions", "parse"),
                    "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.',
                )
            )
    for i, value in enumerate(parse):
        if value not in ("users", "roles", "everyone"):
            errors.append(
                FormError(
                    ("allowed_mentions", "parse", i),
                    "ENUM_TYPE_COERCE",
                    f'Value "{value}" is not a valid enum value.',
                )
            )
    return errors


def check_modal(data: dict[str, Any]) -> list[FormError]:
    errors = []
    title = data.get("title") or ""
    if not title:
        errors.append(_required(("title",)))
    elif len(title) > MAX_MODAL_TITLE:
        errors.append(_too_long(("title",), MAX_MODAL_TITLE))
    custom_id = data.get("custom_id") or ""
    if not custom_id:
        errors.append(_required(("custom_id",)))
    elif len(custom_id) > MAX_CUSTOM_ID:
        errors.append(_too_long(("custom_id",), MAX_CUSTOM_ID))
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        errors.append(
            FormError(("components",), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        )
    return errors


def is_empty(message: dict[str, Any]) -> bool:
    """Discord refuses messages with nothing visible: 50006 Cannot send an empty message."""
    if str(message.get("content") or "").strip():
        return False
    if message.get("embeds") or message.get("attachments") or message.get("sticker_items"):
        return False
    if message.get("poll"):
        return False
    return not (int(message.get("flags") or 0) & FLAG_COMPONENTS_V2 and message.get("components"))


def ping_risks(data: dict[str, Any], *, is_reply: bool = False) -> list[str]:
    """Why this body could notify someone; empty when it cannot.

    Stricter than Discord on purpose: the bot promises never to ping, so any mention-shaped
    text or reply must travel with allowed_mentions that parse nothing and do not ping the
    replied-to author.
    """
    content = str(data.get("content") or "")
    triggers = []
    if MENTION_EVERYONE.search(content):
        triggers.append("@everyone/@here")
    users = mentioned_user_ids(content)
    if users:
        triggers.append("user mention " + ", ".join(f"<@{u}>" for u in users))
    roles = mentioned_role_ids(content)
    if roles:
        triggers.append("role mention " + ", ".join(f"<@&{r}>" for r in roles))
    if is_reply:
        triggers.append("a reply")
    if not triggers:
        return []
    what = " and ".join(triggers)
    allowed = data.get("allowed_mentions")
    if allowed is None:
        return [f"allowed_mentions missing on a message with {what}"]
    risks = []
    parse = [p for p in allowed.get("parse") or [] if p in ("everyone", "users", "roles")]
    if parse:
        risks.append(f"allowed_mentions.parse={parse} on a message with {what}")
    explicit_users = {int(u) for u in allowed.get("users") or []} & set(users)
    explicit_roles = {int(r) for r in allowed.get("roles") or []} & set(roles)
    if explicit_users or explicit_roles:
        ids = sorted(explicit_users | explicit_roles)
        risks.append(f"allowed_mentions lists {ids}, which the content mentions")
    if is_reply and allowed.get("replied_user"):
        risks.append("allowed_mentions.replied_user=true on a reply")
    return risks
