#!/usr/bin/env python3
"""Prepares mediasoup's worker sources for an offline build against Debian's libraries.

Usage: prepare.py <worker-dir> <shims-dir>

Idempotent: every patch checks for its marker first. Fails with the name of the patch and the
missing anchor when mediasoup's sources no longer look as expected (after an upgrade).
"""
import re
import shutil
import sys
from pathlib import Path

MARKER = "kiosk-offline-build"


class PatchError(Exception):
    pass


def replace_once(path: Path, old: str, new: str, name: str) -> None:
    text = path.read_text()
    if new in text:
        return
    if text.count(old) != 1:
        raise PatchError(f"{name}: expected exactly one '{old[:70]}' in {path}, found {text.count(old)}")
    path.write_text(text.replace(old, new))


def replace_function_body(path: Path, signature: str, body: str, name: str) -> None:
    """Replaces the body of the function whose definition starts with `signature`."""
    text = path.read_text()
    start = text.find(signature)
    if start < 0:
        raise PatchError(f"{name}: function '{signature}' not found in {path}")
    open_brace = text.index("{", start + len(signature))
    if f"// {MARKER}" in text[open_brace:open_brace + 200]:
        return
    depth = 0
    for index in range(open_brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                path.write_text(text[:open_brace] + "{\n\t\t// " + MARKER + ": libsrtp 2.x\n" + body + "\n\t}" + text[index + 1:])
                return
    raise PatchError(f"{name}: unbalanced braces after '{signature}' in {path}")


CONSTRUCTOR = r'''		MS_TRACE();

		srtp_profile_t profile;

		switch (cryptoSuite)
		{
			case CryptoSuite::AEAD_AES_256_GCM:
				profile = srtp_profile_aead_aes_256_gcm;
				break;
			case CryptoSuite::AEAD_AES_128_GCM:
				profile = srtp_profile_aead_aes_128_gcm;
				break;
			case CryptoSuite::AES_CM_128_HMAC_SHA1_80:
				profile = srtp_profile_aes128_cm_sha1_80;
				break;
			case CryptoSuite::AES_CM_128_HMAC_SHA1_32:
				profile = srtp_profile_aes128_cm_sha1_32;
				break;
			default:
				MS_ABORT("unknown SRTP crypto suite");
		}

		MS_ASSERT(
		  keyLen == srtp_profile_get_master_key_length(profile) + srtp_profile_get_master_salt_length(profile),
		  "given keyLen does not match profile master key + salt length");

		srtp_policy_t policy; // NOLINT(cppcoreguidelines-pro-type-member-init)
		std::memset(std::addressof(policy), 0, sizeof(srtp_policy_t));

		// RTCP is always HMAC-SHA1-80, also for the _32 suite (RFC 5764 4.1.2): libsrtp sets it so.
		srtp_err_status_t err = srtp_crypto_policy_set_from_profile_for_rtp(std::addressof(policy.rtp), profile);
		if (DepLibSRTP::IsError(err))
			MS_THROW_ERROR("srtp_crypto_policy_set_from_profile_for_rtp() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		err = srtp_crypto_policy_set_from_profile_for_rtcp(std::addressof(policy.rtcp), profile);
		if (DepLibSRTP::IsError(err))
			MS_THROW_ERROR("srtp_crypto_policy_set_from_profile_for_rtcp() failed: %s", DepLibSRTP::GetErrorString(err).c_str());

		switch (type)
		{
			case Type::INBOUND:
				policy.ssrc.type = ssrc_any_inbound;
				break;
			case Type::OUTBOUND:
				policy.ssrc.type = ssrc_any_outbound;
				break;
		}

		policy.ssrc.value = 0;
		policy.key = key;
		// Required for sending RTP retransmission without RTX.
		policy.allow_repeat_tx = 1;
		policy.window_size = 1024;
		policy.next = nullptr;

		err = srtp_create(std::addressof(this->session), std::addressof(policy));

		if (DepLibSRTP::IsError(err))
			MS_THROW_ERROR("srtp_create() failed: %s", DepLibSRTP::GetErrorString(err).c_str());'''


def encrypt_body(fn: str, what: str) -> str:
    return f'''		MS_TRACE();

		if (*len + SRTP_MAX_TRAILER_LEN > EncryptBufferSize)
		{{
			MS_WARN_TAG(srtp, "cannot encrypt {what} packet, size too big (%zu bytes)", *len);

			return false;
		}}

		// libsrtp 2.x works in place: copy into the encrypt buffer first.
		std::memcpy(EncryptBuffer, *data, *len);
		int encryptLen = static_cast<int>(*len);

		const srtp_err_status_t err = {fn}(this->session, EncryptBuffer, std::addressof(encryptLen));

		if (DepLibSRTP::IsError(err))
		{{
			MS_WARN_TAG(srtp, "{fn}() failed: %s", DepLibSRTP::GetErrorString(err).c_str());

			return false;
		}}

		*data = const_cast<const uint8_t*>(EncryptBuffer);
		*len  = static_cast<size_t>(encryptLen);

		return true;'''


def decrypt_body(fn: str) -> str:
    return f'''		MS_TRACE();

		int decryptLen = static_cast<int>(*len);

		const srtp_err_status_t err = {fn}(this->session, data, std::addressof(decryptLen));

		if (DepLibSRTP::IsError(err))
		{{
			MS_DEBUG_TAG(srtp, "{fn}() failed: %s", DepLibSRTP::GetErrorString(err).c_str());

			return false;
		}}

		*len = static_cast<size_t>(decryptLen);

		return true;'''


def main(worker: Path, shims: Path) -> None:
    # 1. Subprojects: the wraps would download sources; our shims use Debian's libraries.
    subprojects = worker / "subprojects"
    for wrap in subprojects.glob("*.wrap"):
        wrap.unlink()
    for shim in (shims / "subprojects").iterdir():
        target = subprojects / shim.name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(shim, target)

    # 2. unordered_dense stand-in, found by pkg-config through a .pc file of ours.
    pc_dir = worker / "kiosk-pkgconfig"
    pc_dir.mkdir(exist_ok=True)
    include = worker / "kiosk-include"
    if include.exists():
        shutil.rmtree(include)
    shutil.copytree(shims / "include", include)
    (pc_dir / "unordered_dense.pc").write_text(
        f"Name: unordered_dense\nDescription: std-container stand-in\nVersion: 4.8.1\nCflags: -I{include}\n"
    )

    # 3. Debian bookworm has meson 1.0.1; the worker builds with it.
    meson = worker / "meson.build"
    text = meson.read_text()
    if "meson_version: '>= 1.1.0'" in text:
        meson.write_text(text.replace("meson_version: '>= 1.1.0'", "meson_version: '>= 1.0.0'"))
    elif "meson_version: '>= 1.0.0'" not in text:
        raise PatchError("meson version: anchor \"meson_version: '>= 1.1.0'\" not found in worker/meson.build")

    # 4. libsrtp 2.x API (Debian) instead of mediasoup's libsrtp 3 fork.
    session = worker / "src/RTC/SrtpSession.cpp"
    replace_once(session, '#include "RTC/SrtpSession.hpp"\n', '#include "RTC/SrtpSession.hpp"\n#include <cstring>\n', "libsrtp2 include")
    replace_function_body(session, "SrtpSession::SrtpSession(Type type, CryptoSuite cryptoSuite, uint8_t* key, size_t keyLen)", CONSTRUCTOR, "libsrtp2 session")
    replace_function_body(session, "bool SrtpSession::EncryptRtp(const uint8_t** data, size_t* len)", encrypt_body("srtp_protect", "RTP"), "libsrtp2 protect")
    replace_function_body(session, "bool SrtpSession::DecryptSrtp(uint8_t* data, size_t* len)", decrypt_body("srtp_unprotect"), "libsrtp2 unprotect")
    replace_function_body(session, "bool SrtpSession::EncryptRtcp(const uint8_t** data, size_t* len)", encrypt_body("srtp_protect_rtcp", "RTCP"), "libsrtp2 protect rtcp")
    replace_function_body(session, "bool SrtpSession::DecryptSrtcp(uint8_t* data, size_t* len)", decrypt_body("srtp_unprotect_rtcp"), "libsrtp2 unprotect rtcp")
    replace_once(worker / "include/RTC/SrtpSession.hpp", "srtp_stream_remove(", "srtp_remove_stream(", "libsrtp2 stream removal")
    dep = worker / "src/DepLibSRTP.cpp"
    text = dep.read_text()
    for line in ('\t{ srtp_err_status_buffer_small,  "out buffer is too small" },\n', '\t{ srtp_err_status_cryptex_err,   "unsupported cryptex operation" }\n'):
        text = text.replace(line, "")
    if "srtp_err_status_buffer_small" in text or "srtp_err_status_cryptex_err" in text:
        raise PatchError("libsrtp2 error table: could not remove the libsrtp 3 error codes from src/DepLibSRTP.cpp")
    text = re.sub(r'(\{ srtp_err_status_pkt_idx_adv,\s+"packet index advanced, reset needed" \}),?\n', r"\1\n", text)
    dep.write_text(text)

    # 5. DTLS: the BIO callback must return the real result for BIO_CB_RETURN calls (a bit flag).
    # Returning 1 for every ctrl made Debian's KTLS-enabled OpenSSL believe kernel TLS was on and
    # leave the DTLS write buffer NULL: SIGSEGV on the first handshake.
    replace_once(
        worker / "src/RTC/DtlsTransport.cpp",
        "(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;",
        "(operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1;",
        "DTLS BIO callback",
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: prepare.py <worker-dir> <shims-dir>")
    try:
        main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
    except PatchError as error:
        sys.exit(f"mediasoup worker: patch failed — {error}")
    print("mediasoup worker: sources prepared")
