/**
 * Image ops on OpenCV {@code Mat}s (crops, flips, colour, blur, erasing, normalization, the crop and patch
 * families), the image decoder, and {@link dev.viewpair.views.image.ImageOps}, their descriptors. It may import
 * {@code dev.viewpair.views}, {@code views.catalog} and the {@code catalog} module.
 */
package dev.viewpair.views.image;
