package org.cifarzoo.backend;

/**
 * Which engine computes the numbers: printed at the start of every run and written into every results row.
 *
 * @param backend    ND4J backend name (CPU or CUDA)
 * @param classifier native build in use, e.g. linux-x86_64-onednn-avx512
 * @param helpers    whether DL4J's oneDNN (CPU) or cuDNN (GPU) layer helpers are really in use
 * @param threads    ND4J/OpenMP threads
 * @param device     CPU model name, or the GPU's name
 */
public record BackendInfo(String backend, String classifier, boolean helpers, int threads, String blas,
                          String device, String jvm, String dl4jVersion) {

    public String summary() {
        return "backend=%s classifier=%s helpers=%s threads=%d blas=%s device=\"%s\" jvm=%s dl4j=%s".formatted(
                backend, classifier, helpers ? "on" : "off", threads, blas, device, jvm, dl4jVersion);
    }
}
