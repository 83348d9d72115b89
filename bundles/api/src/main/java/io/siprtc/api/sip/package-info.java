/**
 * The SIP stack SPI: what a SIP stack bundle offers the gateway. It is transaction-level on
 * purpose: dialog state (Call-ID, tags, CSeq, route set, remote target) lives in the gateway,
 * so a stack can be swapped under a live call.
 */
@Version("1.1.0")
@Export
package io.siprtc.api.sip;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
