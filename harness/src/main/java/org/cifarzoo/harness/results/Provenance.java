package org.cifarzoo.harness.results;

import org.cifarzoo.backend.BackendInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** Where a number came from: code version, engine, time, seed and how busy the machine was when it started. */
public record Provenance(String gitCommit, BackendInfo backend, String date, long seed, Double loadAvg) {

    public static Provenance capture(BackendInfo backend, long seed) {
        return new Provenance(currentCommit(), backend, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .toString(), seed, loadAverage());
    }

    /** 1-minute load average (Linux); idle OpenMP threads of another process would distort any timing. */
    static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Short commit of the working tree, with {@code -dirty} when it has uncommitted changes. */
    static String currentCommit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isEmpty() ? head + "-dirty" : head;
    }

    private static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
