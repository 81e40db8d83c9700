package org.cifarzoo.harness.cli;

import org.cifarzoo.augment.Augmentation;
import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.DataLocator;
import org.cifarzoo.harness.pictures.AugmentPreview;
import org.cifarzoo.harness.pictures.PictureFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "augment-preview", description = "Contact sheet (PNG) of real CIFAR-10 training images after an "
        + "augmentation pipeline, each with its (soft) label: the first batch that train would feed the network.")
final class AugmentPreviewCommand implements Callable<Integer> {
    @Option(names = "--augment", required = true,
            description = "basic, cutout, mixup or cutmix, each after flip + 4 px shift.")
    String augment;

    @Option(names = "--data", description = "CIFAR-10 .tar.gz or folder (default: $" + DataLocator.ENV
            + ", else the cached or downloaded official archive).")
    Path data;

    @Option(names = "--count", defaultValue = "32", description = "Images on the sheet (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of shuffle and augmentation, as for train "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The .png to write, e.g. results/augment-cutmix.png "
            + "(report shows augment-*.png files of its folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Augmentation pipeline = Augmentations.pipeline(augment); // bad input fails before anything is loaded
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        PictureFile target = PictureFile.of(out, Set.of(PictureFile.Format.PNG));
        Backend.start();
        Cifar10 cifar = Cifar10.load(DataLocator.resolve(data));
        BufferedImage sheet = AugmentPreview.render(cifar.train(), pipeline, count, seed);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", png);
        target.write(png.toByteArray());
        System.out.printf("wrote %s (%d × %d px): %d images, %s, seed %d%n", out, sheet.getWidth(),
                sheet.getHeight(), count, pipeline, seed);
        return 0;
    }
}
