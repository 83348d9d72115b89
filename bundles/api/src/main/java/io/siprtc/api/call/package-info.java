/**
 * Call control for a host UI: {@link io.siprtc.api.call.CallService} places, answers, rejects
 * and hangs up calls; {@link io.siprtc.api.call.CallListener} services (whiteboard) receive
 * every {@link io.siprtc.api.call.CallEvent}; {@link io.siprtc.api.call.AccountListener} services
 * receive every account's registration changes as {@link io.siprtc.api.call.AccountEvent}s.
 */
@Version("1.3.0")
@Export
package io.siprtc.api.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
