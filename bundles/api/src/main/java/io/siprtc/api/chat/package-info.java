/**
 * The text chat SPI for a host's chat window, implemented by a chat bundle (MQTT in SIPRTC's
 * own). {@link io.siprtc.api.chat.ChatService} sends, pages history, marks read, signals typing
 * and sets presence for each configured chat account; {@link io.siprtc.api.chat.ChatListener}
 * services (whiteboard) receive incoming messages, receipts, typing, presence and connection
 * state. Nothing here names a transport.
 */
@Version("1.0.0")
@Export
package io.siprtc.api.chat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
