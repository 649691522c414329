/**
 * The shared trainer, in rooms: {@link dev.viewpair.encoders.train.SharedTrainer} (the builder and the facade a
 * caller holds), {@link dev.viewpair.encoders.train.TrainingStep} (one step, top to bottom), {@link
 * dev.viewpair.encoders.train.EpochSteps} (an epoch a step at a time, for callers that act between steps), {@link
 * dev.viewpair.encoders.train.DataParallel} with its {@link dev.viewpair.encoders.train.Replica}s (shards,
 * replicas, gathering of projections and gradients), {@link dev.viewpair.encoders.train.ShapeSetup} (parameters
 * initialized from shapes), {@link dev.viewpair.encoders.train.Checkpoint} (the checkpoint format) and {@link
 * dev.viewpair.encoders.train.CheckpointSwap} (its atomic replacement), {@link
 * dev.viewpair.encoders.train.Inference} (embeddings and pair scores of a trained model), and the optimizers. It
 * imports the encoders ({@code nn}) and the critics and bounds ({@code mi}), never {@code eval} or {@code
 * estimate}, which import it.
 */
package dev.viewpair.encoders.train;
