/**
 * Mutual-information bounds and critics: a {@link dev.viewpair.encoders.mi.Critic} scores every pairing of two
 * embedding batches, a {@link dev.viewpair.encoders.mi.Bound} turns the score matrix into an estimate in nats. Each
 * family has its catalogue ({@link dev.viewpair.encoders.mi.Bounds#standard()},
 * {@link dev.viewpair.encoders.mi.Critics#standard()}) where every member is declared once: its name, parameters and
 * factory, read through {@link dev.viewpair.encoders.mi.MiParams}. A stochastic encoder's own posterior is a critic too
 * ({@link dev.viewpair.encoders.mi.EncoderPosterior}), which {@code loo}, {@code club} and {@code vib} ({@link
 * dev.viewpair.encoders.mi.VariationalPrior}) read as exact upper bounds on what the representation keeps. It imports DJL and the catalogue machinery
 * ({@code dev.viewpair.catalog}); nothing of the trainer.
 */
package dev.viewpair.encoders.mi;
