/**
 * The descriptor of one op ({@link dev.viewpair.views.catalog.OpDescriptor}: name, stages, parameters, factory)
 * and the {@link dev.viewpair.views.catalog.Stage}s that flow between ops. The media packages declare their ops
 * with these; the assembled catalogue is {@link dev.viewpair.views.chain.OpCatalog}. It may import
 * {@code dev.viewpair.views}, the media types it names ({@code views.audio.io}, {@code views.audio.dsp},
 * {@code views.video.io}) and the {@code catalog} module; never the ops packages above it.
 */
package dev.viewpair.views.catalog;
