package org.cifarzoo.zoo;

/**
 * One model configuration, as a row of the results tables names it.
 *
 * @param model        registry name, e.g. {@code ResNet18}, {@code WideResNet34}
 * @param width        width factor (1 unless the table says w=2, 4, 8)
 * @param resolutionPx resolution inside the network; 32 = native CIFAR, larger values upsample the 32 px input
 * @param activation   main activation
 */
public record ModelSpec(String model, int width, int resolutionPx, MainActivation activation) {
    public static final int CIFAR_PX = 32;

    public ModelSpec {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width + " for " + model);
        }
        if (resolutionPx < CIFAR_PX || resolutionPx % CIFAR_PX != 0 || resolutionPx > 7 * CIFAR_PX) {
            throw new IllegalArgumentException("resolution must be 32, 64, ..., 224 px (a whole multiple of the 32 px "
                    + "input), got " + resolutionPx + " for " + model);
        }
    }

    /** Nearest-neighbour upsampling factor applied by the network's first layer (1 = none). */
    public int upsampling() {
        return resolutionPx / CIFAR_PX;
    }

    public String label() {
        return model + (width != 1 ? " w=" + width : "") + (resolutionPx != CIFAR_PX ? " " + resolutionPx + "px" : "")
                + " " + activation.csvName();
    }
}
