"""One exception tree for sitroom, with stable codes and HTTP statuses.

    SitroomError                      code "error"            500
    ├── InputError                    code "bad_input"        400  one bad document; the batch goes on
    │   ├── EmptyInput                code "empty"
    │   ├── DecodeError               code "decode"
    │   ├── ParseError                code "parse"            malformed HTML / JSON / CSV / feed
    │   ├── TooLarge                  code "too_large"
    │   └── FetchError                code "fetch"            a URL could not be fetched
    │       └── BlockedAddress        code "blocked_address"  SSRF guard refused the address
    ├── UsageError                    code "usage"            400  the API or CLI was misused
    ├── NotFound                      code "not_found"        404
    │   └── NotLinked                 code "not_linked"       cross-document results asked of a store never linked
    ├── Unauthorized                  code "unauthorized"     401  missing or wrong API token
    ├── Forbidden                     code "forbidden"        403
    ├── RequestTooLarge               code "too_large"        413  an HTTP request body over max_bytes
    ├── UnsupportedMediaType          code "unsupported_media_type" 415
    ├── StoreError                    code "store"            500
    └── WorkerError                   code "worker"           500  a worker process died (killed, out of memory)
"""
from __future__ import annotations


class SitroomError(Exception):
    code = "error"
    status = 500

    def __init__(self, message: str, *, item: str | None = None):
        super().__init__(message)
        self.message = message
        self.item = item

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message

    def to_dict(self) -> dict:
        d = {"code": self.code, "message": self.message}
        if self.item:
            d["item"] = self.item
        return d


class InputError(SitroomError):
    code = "bad_input"
    status = 400


class EmptyInput(InputError):
    code = "empty"


class DecodeError(InputError):
    code = "decode"


class ParseError(InputError):
    code = "parse"


class TooLarge(InputError):
    code = "too_large"


class FetchError(InputError):
    code = "fetch"


class BlockedAddress(FetchError):
    code = "blocked_address"


class UsageError(SitroomError, ValueError):
    code = "usage"
    status = 400


class NotFound(SitroomError, LookupError):
    code = "not_found"
    status = 404


class NotLinked(NotFound):
    """Cross-document results were asked for, but ``sitroom link`` has not saved any."""

    code = "not_linked"


class Unauthorized(SitroomError):
    code = "unauthorized"
    status = 401


class RequestTooLarge(SitroomError):
    code = "too_large"
    status = 413


class UnsupportedMediaType(SitroomError):
    code = "unsupported_media_type"
    status = 415


class Forbidden(SitroomError):
    code = "forbidden"
    status = 403


class StoreError(SitroomError):
    code = "store"
    status = 500


class WorkerError(SitroomError):
    code = "worker"
    status = 500
