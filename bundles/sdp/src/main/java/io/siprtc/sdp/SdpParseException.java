package io.siprtc.sdp;

/**
 * Thrown for text that is not a well-formed session description or is beyond the
 * {@link SdpLimits}. The message names the 1-based line number and the problem.
 */
public class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String problem;

    /**
     * @param lineNumber the 1-based line number, or 0 when the problem is the input as a whole
     * @param problem what is wrong
     */
    public SdpParseException(int lineNumber, String problem) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + problem : "SDP: " + problem);
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** The 1-based line number, or 0 when the problem is the input as a whole (e.g. its size). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The problem, without the line number. */
    public String problem() {
        return problem;
    }
}
