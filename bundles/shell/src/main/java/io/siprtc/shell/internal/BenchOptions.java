package io.siprtc.shell.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** {@code bench [calls] [--csv FILE] [--png FILE] [--seconds N]}. */
final class BenchOptions {

    static final String USAGE = "usage: siprtc bench [calls] [--csv FILE [--png FILE] [--seconds N]]";

    int calls = 30;
    /** Where one call's per-second figures go; null: no quality call. */
    Path csv;
    /** The plot of the CSV; by default the CSV's name with {@code .png}. */
    Path png;
    /** How long the quality call lasts after media was proven. */
    int seconds = 10;

    static BenchOptions parse(List<String> args) {
        BenchOptions o = new BenchOptions();
        boolean callsSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).trim();
            if (a.isEmpty()) {
                continue;
            }
            switch (a) {
                case "--csv":
                    o.csv = Paths.get(value(args, ++i, a));
                    break;
                case "--png":
                    o.png = Paths.get(value(args, ++i, a));
                    break;
                case "--seconds":
                    o.seconds = number(value(args, ++i, a), a, 1, 3600);
                    break;
                default:
                    if (a.startsWith("-") || callsSeen) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'; " + USAGE);
                    }
                    o.calls = number(a, "calls", 0, 100_000);
                    callsSeen = true;
            }
        }
        if (o.png != null && o.csv == null) {
            throw new IllegalArgumentException("--png needs --csv; " + USAGE);
        }
        if (o.csv != null && o.png == null) {
            String name = o.csv.getFileName().toString();
            int dot = name.lastIndexOf('.');
            o.png = o.csv.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
        }
        return o;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).isBlank()) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args.get(i).trim();
    }

    private static int number(String s, String what, int min, int max) {
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", not " + n + "; " + USAGE);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + s + "'; " + USAGE);
        }
    }
}
