package dev.viewpair.views.audio.dsp;

/**
 * Whether this package's vector code ({@link LaneFftSimd}) runs: the JVM has the incubating {@code
 * jdk.incubator.vector} module (started with {@code --add-modules jdk.incubator.vector}, as the launcher, the
 * tests and the benchmarks are) and the machine runs 256-bit float vectors in hardware. {@code -Dviewpair.simd=false}
 * keeps the scalar loops. Without the module the vector classes are never loaded.
 */
final class Vectors {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("viewpair.simd")) && LaneFftSimd.hardware();

    private Vectors() {}
}
