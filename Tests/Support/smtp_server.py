"""A real SMTP server for the tests (aiosmtpd): saves each accepted message to a folder.

Options: --mode ok | tempfail (451 on DATA for the first --failures attempts, then 250) | reject (550 on RCPT);
--user/--password require AUTH (PLAIN or LOGIN); --cert/--key offer STARTTLS (AUTH then needs TLS);
--delay seconds before answering DATA (lets a test kill the client mid-delivery).
Prints "READY <port>" once listening; runs until killed.
"""
import argparse
import asyncio
import os
import signal
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.data_attempts = 0
        self.saved = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.mode == "reject":
            return "550 5.1.1 <%s>: destinataire inconnu" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_attempts += 1
            attempt = self.data_attempts
        if self.args.delay:
            await asyncio.sleep(self.args.delay)
        if self.args.mode == "tempfail" and attempt <= self.args.failures:
            return "451 4.3.0 Essai %d : reessayez plus tard" % attempt
        with self.lock:
            self.saved += 1
            number = self.saved
        name = "%06d-%d.eml" % (number, os.getpid())
        temporary = os.path.join(self.args.dir, "." + name)
        with open(temporary, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(b"X-Session-TLS: " + (b"yes" if session.ssl else b"no") + b"\r\n")
            f.write(b"X-Session-Auth: " + (str(session.authenticated).encode()) + b"\r\n")
            f.write(envelope.original_content)
        os.rename(temporary, os.path.join(self.args.dir, name))
        return "250 2.0.0 Ok: queued as T%d" % number


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--mode", default="ok", choices=["ok", "tempfail", "reject"])
    parser.add_argument("--failures", type=int, default=1)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False)

    kwargs = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = False
    if args.user:
        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = bool(args.cert)
    port = args.port or free_port()
    controller = Controller(Handler(args), hostname="127.0.0.1", port=port, ready_timeout=10, **kwargs)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print("READY %d" % port, flush=True)
    # The test holds our standard input open: when it ends (or dies), so do we.
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
