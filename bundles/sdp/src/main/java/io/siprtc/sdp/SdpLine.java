package io.siprtc.sdp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One immutable {@code <type>=<content>} line of a session or media description, other than
 * the m= line (see {@link MediaLine}). Typed lines are {@link Attribute} (a=), {@link Origin}
 * (o=), {@link Connection} (c=) and {@link Bandwidth} (b=); every other line is a
 * {@link RawLine}.
 */
@ProviderType
public sealed interface SdpLine permits Attribute, Origin, Connection, Bandwidth, RawLine {

    /** The line's type letter, e.g. {@code 'a'}. */
    char type();

    /** The text after {@code "<type>="}, without the line ending. */
    String content();
}
