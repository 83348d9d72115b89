package io.siprtc.media.webrtc.internal;

import java.util.Locale;

/**
 * The ITU-T G.107 (06/2015) E-model, narrowband: R = Ro - Is - Id - Ie,eff + A, and the
 * estimated MOS (conversational quality, MOS-CQE) from R (G.107 Annex B). Every parameter but
 * the delay, the codec and the packet loss keeps its G.107 default (Table 3: SLR 8, RLR 2,
 * STMR 15, LSTR 18, Ds = Dr = 3, TELR 65, WEPL 110, qdu 1, Nc -70, Nfor -64, Ps = Pr = 35,
 * A 0, BurstR 1), which gives R = 93.2 for G.711 without delay or loss.
 *
 * <p>Delay: the one-way mouth-to-ear delay {@code Ta} also sets the echo path, as for a
 * connection with echo control at both ends: {@code T = Ta}, {@code Tr = 2 Ta}. Loss is taken
 * as random ({@code BurstR = 1}).
 *
 * <p>Codecs (ITU-T G.113 Appendix I): G.711 Ie 0 with Bpl 4.3 without packet loss concealment
 * or 25.1 with it; libwebrtc's NetEq conceals lost packets of every codec, so PCMU/PCMA use
 * 25.1. G.729A(+VAD) Ie 11, Bpl 19.0. Opus has no Ie in G.113: <b>assumption</b>, Opus at the
 * bitrates libwebrtc uses for voice (24-40 kbit/s) is at least as good as G.711 on this
 * narrowband scale, so Ie 0, and its concealment (plus in-band FEC) is taken to be as robust as
 * G.711's with PLC, so Bpl 25.1 (conservative: FEC recovers single losses). Codecs not listed
 * are rated like G.711 with PLC. Hence no call scores above about 4.41 (R 93.2).
 */
final class EModel {

    /** A codec's equipment impairment factor Ie and packet-loss robustness factor Bpl. */
    record Codec(String name, double ie, double bpl) {
    }

    static final Codec G711_PLC = new Codec("G.711 with PLC", 0, 25.1);
    static final Codec G711_NO_PLC = new Codec("G.711 without PLC", 0, 4.3);
    static final Codec G729A = new Codec("G.729A", 11, 19.0);
    static final Codec OPUS = new Codec("Opus (assumed Ie 0, Bpl 25.1)", 0, 25.1);

    // G.107 default values (Table 3)
    private static final double SLR = 8;
    private static final double RLR = 2;
    private static final double STMR = 15;
    private static final double LSTR = 18;
    private static final double DS = 3;
    private static final double TELR = 65;
    private static final double WEPL = 110;
    private static final double QDU = 1;
    private static final double NC = -70;
    private static final double NFOR = -64;
    private static final double PS = 35;
    private static final double PR = 35;
    private static final double A = 0;
    private static final double BURST_R = 1;

    /** Basic signal-to-noise ratio, with the default parameters. */
    static final double RO;
    /** Simultaneous impairments (loudness, sidetone, quantizing), with the default parameters. */
    static final double IS;
    private static final double NO;

    static {
        double olr = SLR + RLR;
        double nos = PS - SLR - DS - 100 + 0.004 * sq(PS - olr - DS - 14);
        double pre = PR + 10 * Math.log10(1 + Math.pow(10, (10 - LSTR) / 10));
        double nor = RLR - 121 + pre + 0.008 * sq(pre - 35);
        double nfo = NFOR + RLR;
        NO = 10 * Math.log10(Math.pow(10, NC / 10) + Math.pow(10, nos / 10) + Math.pow(10, nor / 10)
                + Math.pow(10, nfo / 10));
        RO = 15 - 1.5 * (SLR + NO);

        double xolr = olr + 0.2 * (64 + NO - RLR);
        double iolr = 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
        double stmro = -10 * Math.log10(Math.pow(10, -STMR / 10) + Math.exp(0) * Math.pow(10, -TELR / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13) + 29;
        double q = 37 - 15 * Math.log10(QDU);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (RO - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46 / 30.0 - g / 40;
        double iq = 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
        IS = iolr + ist + iq;
    }

    private EModel() {
    }

    /** The codec of an SDP/stats name such as {@code opus/48000/2} or {@code PCMU/8000}. */
    static Codec codec(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.startsWith("opus")) {
            return OPUS;
        }
        if (n.startsWith("g729")) {
            return G729A;
        }
        return G711_PLC;
    }

    /**
     * The transmission rating R.
     *
     * @param oneWayDelayMs mouth-to-ear delay Ta (network one way, jitter buffer, packetization)
     * @param lossPercent random packet loss Ppl, 0 to 100
     */
    static double rating(double oneWayDelayMs, double lossPercent, Codec codec) {
        double ta = Math.max(0, oneWayDelayMs);
        double ppl = Math.max(0, Math.min(100, lossPercent));
        double id = idte(ta) + idle(2 * ta) + idd(ta);
        double ieEff = codec.ie() + (95 - codec.ie()) * ppl / (ppl / BURST_R + codec.bpl());
        return RO - IS - id - ieEff + A;
    }

    /**
     * MOS (CQE) from R, G.107 Annex B: 1 below R 0, 4.5 above R 100. The polynomial dips just
     * below 1 for 0 < R < 6.5; the result is kept at 1 there.
     */
    static double mos(double r) {
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }

    static double mos(double oneWayDelayMs, double lossPercent, Codec codec) {
        return mos(rating(oneWayDelayMs, lossPercent, codec));
    }

    /** Talker echo, T = mean one-way delay of the echo path. */
    private static double idte(double t) {
        double roe = -1.5 * (NO - RLR);
        double terv = TELR - 40 * Math.log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        double re = 80 + 2.5 * (terv - 14);
        return ((roe - re) / 2 + Math.sqrt(sq(roe - re) / 4 + 100) - 1) * (1 - Math.exp(-t));
    }

    /** Listener echo, Tr = round-trip delay of the echo loop. */
    private static double idle(double tr) {
        double rle = 10.5 * (WEPL + 7) * Math.pow(tr + 1, -0.25);
        return (RO - rle) / 2 + Math.sqrt(sq(RO - rle) / 4 + 169);
    }

    /** Too-long absolute delay Ta (default delay sensitivity: mT 100 ms, sT 1). */
    private static double idd(double ta) {
        if (ta <= 100) {
            return 0;
        }
        double x = Math.log10(ta / 100) / Math.log10(2);
        return 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
