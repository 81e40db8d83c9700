package org.cifarzoo.harness.data;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds CIFAR-10: {@code --data PATH}, else the {@value #ENV} environment variable, else the cached official
 * archive, else downloads the official archive into the cache (with a progress bar) and verifies its published MD5.
 */
public final class DataLocator {
    public static final String ENV = "CIFAR_ZOO_DATA";
    static final URI OFFICIAL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** As published on the CIFAR-10 page for cifar-10-binary.tar.gz. */
    static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    static final String ARCHIVE = "cifar-10-binary.tar.gz";

    private DataLocator() {
    }

    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path cached = cacheDir().resolve(ARCHIVE);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(OFFICIAL, OFFICIAL_MD5, cached);
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cifar-zoo");
    }

    /** Downloads to a temporary file beside {@code target}, checks the MD5, then moves it into place. */
    static Path download(URI url, String md5, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new CifarFormatException("Download of " + url + " failed: HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(response.body(), digest);
                 OutputStream out = Files.newOutputStream(partial);
                 ProgressBar bar = new ProgressBarBuilder().setTaskName("CIFAR-10").setInitialMax(length)
                         .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1 << 20).build()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    bar.stepBy(n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(md5)) {
                Files.deleteIfExists(partial);
                throw new CifarFormatException("Download of " + url + " is corrupt: MD5 " + actual + ", expected " + md5);
            }
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CifarFormatException("Cannot download CIFAR-10 from " + url + " (" + e + "). Without internet, "
                    + "pass --data PATH (the official cifar-10-binary.tar.gz or its extracted folder) or set " + ENV, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CifarFormatException("Download of " + url + " interrupted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
