package org.cifarzoo.harness.cli;

import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import picocli.CommandLine.Option;

/** The options that pick one model configuration; unset ones take the model's first published configuration. */
final class ModelOptions {
    @Option(names = "--model", required = true, description = "Model name, as `models` lists it (e.g. ResNet18).")
    String model;

    @Option(names = "--width", description = "Width factor (default: the model's published one).")
    Integer width;

    @Option(names = "--resolution", description = "Resolution inside the network in px: 32, 64, ..., 224.")
    Integer resolution;

    @Option(names = "--activation", description = "Main activation: relu or mish.")
    String activation;

    ModelSpec resolve(ZooRegistry zoo) {
        ModelSpec d = zoo.get(model).defaultSpec();
        return new ModelSpec(model, width != null ? width : d.width(),
                resolution != null ? resolution : d.resolutionPx(),
                activation != null ? MainActivation.parse(activation) : d.activation());
    }
}
