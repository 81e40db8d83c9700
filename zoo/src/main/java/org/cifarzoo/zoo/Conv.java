package org.cifarzoo.zoo;

/**
 * A convolution as the spec writes it, {@code Conv(k, s, n)}, plus the two things some families change: whether the
 * kernel takes the family's L2 penalty, and VALID instead of TF-SAME padding. Defaults: L2 on, TF-SAME.
 */
public record Conv(int kernel, int stride, int filters, boolean l2, boolean validPadding) {

    public static Conv of(int kernel, int stride, int filters) {
        return new Conv(kernel, stride, filters, true, false);
    }

    /** No L2 on this kernel (e.g. MobileNet stems and heads, TResNet projections). */
    public Conv withoutL2() {
        return new Conv(kernel, stride, filters, false, validPadding);
    }

    /** VALID padding (MobileNetV3's stem). */
    public Conv valid() {
        return new Conv(kernel, stride, filters, l2, true);
    }
}
