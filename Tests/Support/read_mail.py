"""Reads saved messages with Python's own e-mail parser (an independent reader) and prints them as JSON.

Usage: read_mail.py FILE...  -> a JSON list; each item has the decoded headers, both parts and the longest raw line.
"""
import email
import json
import sys
from email import policy


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return {
        "file": path,
        "subject": str(message["Subject"] or ""),
        "from": str(message["From"] or ""),
        "to": str(message["To"] or ""),
        "replyTo": str(message["Reply-To"] or ""),
        "messageId": str(message["Message-ID"] or ""),
        "date": str(message["Date"] or ""),
        "autoSubmitted": str(message["Auto-Submitted"] or ""),
        "contentType": message.get_content_type(),
        "tls": str(message["X-Session-TLS"] or ""),
        "auth": str(message["X-Session-Auth"] or ""),
        "envelopeTo": str(message["X-Envelope-To"] or ""),
        "text": text.get_content() if text is not None else "",
        "html": html.get_content() if html is not None else "",
        "defects": len(message.defects),
        "longestLine": max((len(line) for line in raw.split(b"\r\n")), default=0),
        "rawSubject": next((line.decode() for line in raw.split(b"\r\n") if line.startswith(b"Subject:")), ""),
    }


print(json.dumps([read(p) for p in sys.argv[1:]]))
