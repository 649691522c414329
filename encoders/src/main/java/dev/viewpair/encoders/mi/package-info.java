/**
 * Mutual-information bounds and critics: a {@link dev.viewpair.encoders.mi.Critic} scores every pairing of two
 * embedding batches, a {@link dev.viewpair.encoders.mi.Bound} turns the score matrix into an estimate in nats. Each
 * family has its catalogue ({@link dev.viewpair.encoders.mi.Bounds#standard()},
 * {@link dev.viewpair.encoders.mi.Critics#standard()}) where every member is declared once: its name, parameters and
 * factory, read through {@link dev.viewpair.encoders.mi.MiParams}. It imports DJL and the catalogue machinery
 * ({@code dev.viewpair.catalog}); nothing of the trainer.
 */
package dev.viewpair.encoders.mi;
