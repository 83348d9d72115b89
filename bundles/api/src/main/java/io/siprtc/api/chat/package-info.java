/**
 * The text chat SPI, implemented by a chat bundle (MQTT in SIPRTC's own).
 */
@Version("1.0.0")
@Export
package io.siprtc.api.chat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
