package io.siprtc.sdp;

/**
 * The line order of RFC 8866 section 5 (and its grammar in section 9), enforced as lines arrive.
 * Session level: {@code v o s [i] [u] *e *p [c] *b 1*(t *r) [z] [k] *a}; media level:
 * {@code m [i] *c *b [k] *a}. Type letters RFC 8866 does not define are allowed anywhere (its
 * section 5: "unknown types" are ignored). {@code v=} is checked by the parser itself.
 */
final class LineOrder {

    private static final String SESSION = "vosiuepcbtrzka";
    private static final String MEDIA = "micbka";
    /** Letters that may repeat at session level (t with its r lines repeats as a group). */
    private static final String SESSION_REPEATABLE = "epbtra";
    private static final String MEDIA_REPEATABLE = "cba";

    private boolean inMedia;
    private int last; // index in SESSION or MEDIA of the last known line
    private char lastType = 'v';
    private boolean sawTime;

    void accept(char type, int lineNo) throws SdpParseException {
        if (type == 'v') {
            if (lineNo != 1) {
                throw new SdpParseException(lineNo, "v= is only allowed as the first line");
            }
            return;
        }
        if (lineNo == 2 && type != 'o') {
            throw new SdpParseException(2, "expected o= as the second line (RFC 8866 section 5: v=, o=, s= come first), got "
                    + type + "=");
        }
        if (lineNo == 3 && type != 's') {
            throw new SdpParseException(3, "expected s= as the third line (RFC 8866 section 5: v=, o=, s= come first), got "
                    + type + "=");
        }
        if (type == 'm') {
            if (!sawTime) {
                throw new SdpParseException(lineNo, "m= line before any t= line (RFC 8866 section 5 needs t= at session level)");
            }
            inMedia = true;
            last = 0;
            lastType = 'm';
            return;
        }
        String order = inMedia ? MEDIA : SESSION;
        int at = order.indexOf(type);
        if (at < 0) {
            if (inMedia && SESSION.indexOf(type) >= 0) {
                throw new SdpParseException(lineNo, type + "= line inside a media description (RFC 8866 section 5 allows it only at session level)");
            }
            return; // an unknown type letter
        }
        if (type == 'r' && lastType != 't' && lastType != 'r') {
            throw new SdpParseException(lineNo, "r= line not after a t= line (RFC 8866 section 5.10)");
        }
        boolean repeatable = (inMedia ? MEDIA_REPEATABLE : SESSION_REPEATABLE).indexOf(type) >= 0;
        boolean timeAgain = !inMedia && type == 't' && (lastType == 't' || lastType == 'r');
        if (at < last && !timeAgain) {
            throw new SdpParseException(lineNo, type + "= line after " + lastType + "= line; RFC 8866 section 5 orders "
                    + (inMedia ? "media-level lines m= i= c= b= k= a=" : "session-level lines v= o= s= i= u= e= p= c= b= t= r= z= k= a="));
        }
        if (at == last && type == lastType && !repeatable) {
            throw new SdpParseException(lineNo, "second " + type + "= line in the " + (inMedia ? "media description" : "session description")
                    + " (RFC 8866 section 5 allows one)");
        }
        if (type == 't') {
            sawTime = true;
        }
        last = type == 'r' ? order.indexOf('t') : at;
        lastType = type;
    }

    void finish(int lineNo) throws SdpParseException {
        if (lineNo < 3) {
            throw new SdpParseException(lineNo + 1, lineNo == 1 ? "missing o= line after v=0" : "missing s= line after o=");
        }
        if (!sawTime) {
            throw new SdpParseException(lineNo + 1, "missing t= line (RFC 8866 section 5 needs one at session level)");
        }
    }
}
