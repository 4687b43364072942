"""Credentials: token formats with a fixed shape, and a keyword followed by a value ("password: ...")."""
from __future__ import annotations

from .base import Context, ContextPatternRecognizer, alternation

# Token formats with a fixed shape (cf. detect-secrets' plugins).
SECRET_FORMATS = [
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?",
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[0-9A-Z]{16}\b",                 # AWS access key id
    r"(?i)\baws_?secret_?access_?key\b\s*[:=]\s*[A-Za-z0-9/+=]{40}",
    r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b",                                      # GitHub tokens
    r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b",
    r"\bglpat-[A-Za-z0-9_-]{20,}",                                             # GitLab
    r"\bxox[abposr]-[A-Za-z0-9-]{10,}",                                        # Slack tokens
    r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+",
    r"\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}\b",                              # Stripe
    r"\bAIza[0-9A-Za-z_-]{35}",                                                # Google API key
    r"\bya29\.[0-9A-Za-z_-]{20,}",                                             # Google OAuth token
    r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}",                                 # OpenAI / Anthropic style
    r"\bSK[0-9a-fA-F]{32}\b",                                                  # Twilio
    r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",                           # SendGrid
    r"\bkey-[0-9a-zA-Z]{32}\b",                                                # Mailgun
    r"\bnpm_[A-Za-z0-9]{36}\b",
    r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
    r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",        # JSON Web Token
    r"\b[a-z][a-z0-9+.-]{1,20}://[^\s/:@]{1,64}:[^\s/@]{3,64}@[\w.-]+",        # credentials in a URL
    r"(?i)\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*",
]
# A keyword then a value: "password: Tr0ub4dor&3", "API key = 8f3a...". The lazy run of words takes the first "is".
SECRET_ASSIGNMENT = r"(?i)\b{words}\b(?:\s*[\w'’-]+){{0,4}}?\s*(?:is|was|:|=|->|will be)\s*[\"'“‘]?([^\s\"'”’]{{4,128}})"
HIGH_ENTROPY = r"[A-Za-z0-9+/_-]{32,200}={0,2}"
_NOT_SECRETS = {"required", "incorrect", "wrong", "expired", "invalid", "changed", "reset", "case-sensitive", "protected"}


def secret_like(value: str) -> bool:
    """A password or key value: not a plain lowercase word."""
    v = value.strip(".,;:!?)(\"'")
    if len(v) < 4 or v.lower() in _NOT_SECRETS:
        return False
    return (any(c.isdigit() for c in v) or any(not (c.isalnum() or c == "_") for c in v)
            or (any(c.isupper() for c in v[1:]) and any(c.islower() for c in v)))


def high_entropy(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def recognizers(context: dict[str, Context], words: list[str]) -> list:
    return [
        ContextPatternRecognizer("CREDENTIAL", "SecretFormatRecognizer", SECRET_FORMATS, score=1.0, context_score=1.0, bounded=False),
        ContextPatternRecognizer("CREDENTIAL", "SecretAssignmentRecognizer", [SECRET_ASSIGNMENT.format(words=alternation(words or ["password"]))],
                          validate=secret_like, score=0.9, bounded=False, group=1),
        ContextPatternRecognizer("CREDENTIAL", "HighEntropySecretRecognizer", [HIGH_ENTROPY], validate=high_entropy,
                          context=context["credential"], require_context=True, edge="+/_=-"),
    ]
