package io.siprtc.gateway.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * What a MESSAGE body (RFC 3428) may be here, in both directions: {@code text/*} (any subtype,
 * decoded with its {@code charset}, UTF-8 when none is named) and {@code message/cpim} (RFC 3862,
 * UTF-8, passed on whole); at least one byte and at most {@link #MAX_BYTES}. A received body
 * that breaks a rule is refused with the response RFC 3261 section 8.2.3 asks for.
 */
final class MessageContent {

    /**
     * The largest body accepted or sent. RFC 3428 section 9 keeps a MESSAGE outside a session below
     * 1300 bytes unless every hop is congestion controlled; the JAIN-SIP bundle sends any request
     * above 1300 bytes over TCP instead of UDP. This limit only stops absurd sizes.
     */
    static final int MAX_BYTES = 64 * 1024;
    /** The Accept header of a 415: what {@link #read} takes. */
    static final String ACCEPT = "text/plain, text/*, message/cpim";

    private MessageContent() {
    }

    /** A received MESSAGE that is not accepted, and the response that says why. */
    static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final String header;
        private final String value;

        Refusal(int status, String reason, String header, String value) {
            super(reason);
            this.status = status;
            this.header = header;
            this.value = value;
        }

        int status() {
            return status;
        }

        /** The response to the request: status, the reason as phrase, and Accept or Accept-Encoding when needed. */
        SipResponse response(SipRequest request) {
            SipResponse r = new SipResponse(status, getMessage(), SipResponse.to(request, status).headers(), null);
            return header == null ? r : r.withHeader(header, value);
        }
    }

    /**
     * The body of a received MESSAGE as text.
     *
     * @throws Refusal 400 without a body (an instant message is its body: RFC 3428 sections 2 and 4)
     *     or without Content-Type (RFC 3261 section 20.15), or when the text is not valid in its
     *     charset; 413 above {@link #MAX_BYTES}; 415 with Accept for another type or an unknown charset,
     *     with Accept-Encoding for a Content-Encoding other than identity
     */
    static String read(SipRequest request) throws Refusal {
        byte[] body = request.body();
        if (body.length == 0) {
            throw new Refusal(400, "MESSAGE without body", null, null);
        }
        if (body.length > MAX_BYTES) {
            throw new Refusal(413, "Request Entity Too Large (over " + MAX_BYTES + " bytes)", null, null);
        }
        String encoding = request.header("Content-Encoding").orElse("identity").trim();
        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
            throw new Refusal(415, "Unsupported Content-Encoding " + encoding, "Accept-Encoding", "identity");
        }
        String contentType = request.header("Content-Type").orElse("").trim();
        if (contentType.isEmpty()) {
            throw new Refusal(400, "Content-Type missing", null, null);
        }
        Charset charset;
        try {
            charset = charsetOf(contentType);
        } catch (IllegalArgumentException e) {
            throw new Refusal(415, "Unsupported Media Type (" + e.getMessage() + ")", "Accept", ACCEPT);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(400, "Body is not valid " + charset.name(), null, null);
        }
    }

    /**
     * The bytes of a MESSAGE body to send.
     *
     * @throws IllegalArgumentException with a reason a person understands, for the same rules
     */
    static byte[] encode(String contentType, String text) {
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("no content type");
        }
        if (contentType.contains("\r") || contentType.contains("\n")) {
            throw new IllegalArgumentException("line break in the content type");
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty message (a MESSAGE carries its text in the body)");
        }
        Charset charset = charsetOf(contentType);
        byte[] bytes;
        try {
            ByteBuffer b = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            bytes = new byte[b.remaining()];
            b.get(bytes);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the text cannot be written in " + charset.name());
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("message too large: " + bytes.length + " bytes, at most " + MAX_BYTES);
        }
        return bytes;
    }

    /** The charset of an accepted type; IllegalArgumentException for a type or charset not accepted. */
    static Charset charsetOf(String contentType) {
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1) {
            throw new IllegalArgumentException("not a media type: " + contentType);
        }
        boolean text = type.startsWith("text/");
        if (!text && !type.equals("message/cpim")) {
            throw new IllegalArgumentException("content type " + type + " not accepted");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = p.substring(eq + 1).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new IllegalArgumentException("charset " + name + " not supported");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
