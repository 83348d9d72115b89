#!/usr/bin/python3
"""GStreamer webrtcbin (Debian's 1.22) makes an audio offer (Opus) and an audio+video offer
(Opus + VP8), bundle-policy max-bundle, no STUN server; each offer is made when webrtcbin asks
for negotiation and its SDP text is written as gst_sdp_message_as_text gives it.
Run with Debian's python3 (python3-gi, gir1.2-gst-plugins-bad-1.0): capture-webrtcbin.py <out-dir>"""
import os, sys, gi
gi.require_version("Gst", "1.0")
gi.require_version("GstWebRTC", "1.0")
gi.require_version("GstSdp", "1.0")
from gi.repository import Gst, GstWebRTC, GstSdp, GLib  # noqa: F401

Gst.init(None)
out = sys.argv[1] if len(sys.argv) > 1 else "."
AUDIO = "audiotestsrc is-live=true ! opusenc ! rtpopuspay pt=111 ! application/x-rtp,media=audio,encoding-name=OPUS,payload=111 ! w. "
VIDEO = "videotestsrc is-live=true ! video/x-raw,width=320,height=240 ! vp8enc deadline=1 ! rtpvp8pay pt=96 ! application/x-rtp,media=video,encoding-name=VP8,payload=96 ! w. "

def offer(desc, name):
    loop = GLib.MainLoop()
    pipe = Gst.parse_launch("webrtcbin name=w bundle-policy=max-bundle " + desc)
    w = pipe.get_by_name("w")
    result = {}

    def make_offer():  # on our own (main) thread: a promise waited on a GStreamer thread deadlocks
        p = Gst.Promise.new()
        w.emit("create-offer", None, p)
        p.wait()
        reply = p.get_reply()  # owned by the promise: keep both alive while the offer is read
        o = reply.get_value("offer")
        if o is not None:
            result["sdp"] = GstSdp.SDPMessage.as_text(o.sdp)
        result["keep"] = (p, reply, o)
        loop.quit()
        return False

    w.connect("on-negotiation-needed", lambda element: GLib.idle_add(make_offer))
    GLib.timeout_add_seconds(10, loop.quit)  # bounded
    pipe.set_state(Gst.State.PLAYING)
    loop.run()
    pipe.set_state(Gst.State.NULL)
    if "sdp" not in result:
        sys.exit("no offer for " + name)
    with open(os.path.join(out, name), "wb") as f:
        f.write(result["sdp"].encode("utf-8"))
    print("wrote", name, len(result["sdp"]))

offer(AUDIO, "gstreamer-webrtcbin-audio-offer.sdp")
offer(AUDIO + VIDEO, "gstreamer-webrtcbin-audio-video-offer.sdp")
